using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// Acknowledgement and escalation on the Alertmanager page of the real server: the fixture's always-firing rule
/// reaches the embedded alert manager, whose route escalates after an hour. The group is acknowledged from the
/// keyboard, the acknowledgement checked through <c>GET /api/v2/alerts/groups</c>, then removed again.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AcknowledgementTests(UiFixture fixture)
{
    /// <summary>The firing group once its first notification has gone out (so its next escalation step is due).</summary>
    private async Task<JsonElement> FiringGroupAsync(Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var groups = JsonDocument.Parse(await fixture.Argus.Http.GetStringAsync("/api/v2/alerts/groups")).RootElement;
            var group = groups.EnumerateArray().FirstOrDefault(g =>
                g.GetProperty("labels").TryGetProperty("alertname", out var name) && name.GetString() == UiFixture.FiringAlert);
            if (group.ValueKind == JsonValueKind.Object && condition(group))
            {
                return group.Clone();
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for the alert group {what}: {groups}\n" + string.Join("\n", fixture.Argus.StderrLines.TakeLast(20)));
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_group_acknowledged_from_the_keyboard_shows_who_and_why_in_the_page_and_the_api_and_can_be_unacknowledged()
    {
        var group = await FiringGroupAsync(g => g.GetProperty("escalation").ValueKind == JsonValueKind.Object &&
            g.GetProperty("escalation").GetProperty("nextStepAt").ValueKind == JsonValueKind.String, "to be notified");
        var id = group.GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, group.GetProperty("acknowledgement").ValueKind);

        await using var ui = await fixture.OpenAsync("/alertmanager");
        var card = ui.Page.Locator($".alert-group[data-group-id=\"{id}\"]");
        await Assertions.Expect(card.Locator(".ack-state")).ToHaveTextAsync("not acknowledged");
        var escalation = card.Locator(".escalation");
        await Assertions.Expect(escalation).ToContainTextAsync("escalation step 0");
        await Assertions.Expect(escalation).ToContainTextAsync("notified oncall-primary");
        await Assertions.Expect(escalation).ToContainTextAsync(new Regex(@"next: oncall-secondary in \d+m"));
        Assert.Contains("oncall-primary", await card.Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
        await ui.ScreenshotAsync("alertmanager-escalation");

        // Keyboard only: focus the action, Enter opens the form with the name field focused, Tab to the comment, Enter submits.
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Acknowledge", Exact = true }).FocusAsync();
        await ui.Page.Keyboard.PressAsync("Enter");
        var form = card.GetByRole(AriaRole.Form, new LocatorGetByRoleOptions { Name = "Acknowledge alert group" });
        await Assertions.Expect(form.GetByLabel("Acknowledged by")).ToBeFocusedAsync();
        await ui.Page.Keyboard.TypeAsync("ui-tester");
        await ui.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(form.GetByLabel("Acknowledgement comment")).ToBeFocusedAsync();
        await ui.Page.Keyboard.TypeAsync("looking into it");
        await ui.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(card.Locator(".ack-by")).ToHaveTextAsync("ui-tester");
        await Assertions.Expect(card.Locator(".ack-comment")).ToHaveTextAsync("looking into it");
        await Assertions.Expect(escalation).ToContainTextAsync("paused while acknowledged");
        await Assertions.Expect(card.Locator("summary .badge.acknowledged")).ToHaveCountAsync(1);
        var acknowledged = await FiringGroupAsync(g => g.GetProperty("acknowledgement").ValueKind == JsonValueKind.Object, "to be acknowledged");
        var acknowledgement = acknowledged.GetProperty("acknowledgement");
        Assert.Equal(id, acknowledged.GetProperty("id").GetString());
        Assert.Equal("ui-tester", acknowledgement.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("looking into it", acknowledgement.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, acknowledged.GetProperty("escalation").GetProperty("nextStepAt").ValueKind);
        await ui.ScreenshotAsync("alertmanager-acknowledged");

        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Un-acknowledge" }).ClickAsync();
        await Assertions.Expect(card.Locator(".ack-state")).ToHaveTextAsync("not acknowledged");
        await Assertions.Expect(escalation).ToContainTextAsync("next: oncall-secondary");
        var cleared = await FiringGroupAsync(g => g.GetProperty("acknowledgement").ValueKind == JsonValueKind.Null, "to lose its acknowledgement");
        Assert.Equal(JsonValueKind.String, cleared.GetProperty("escalation").GetProperty("nextStepAt").ValueKind);
        ui.AssertClean();
    }

    [Fact]
    public async Task Acknowledging_without_a_name_says_so_and_sends_nothing_and_the_form_fits_a_phone()
    {
        var group = await FiringGroupAsync(g => g.GetProperty("acknowledgement").ValueKind == JsonValueKind.Null, "to be unacknowledged");
        var id = group.GetProperty("id").GetString()!;
        await using var ui = await fixture.OpenAsync("/alertmanager", width: 390, height: 800);
        var card = ui.Page.Locator($".alert-group[data-group-id=\"{id}\"]");
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Acknowledge", Exact = true }).ClickAsync();
        var form = card.GetByRole(AriaRole.Form, new LocatorGetByRoleOptions { Name = "Acknowledge alert group" });
        await form.GetByLabel("Acknowledged by").FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Confirm acknowledgement" }).ClickAsync();
        await Assertions.Expect(card.Locator(".notice-error")).ToHaveTextAsync("Say who acknowledges the group.");
        await ui.ScreenshotAsync("alertmanager-acknowledge-phone");
        var overflow = await ui.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the Alertmanager page with the acknowledge form open scrolls sideways at phone width");
        await ui.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Acknowledge", Exact = true })).ToBeFocusedAsync();
        var after = await FiringGroupAsync(_ => true, "to be listed");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("acknowledgement").ValueKind);
        ui.AssertClean();
    }
}
