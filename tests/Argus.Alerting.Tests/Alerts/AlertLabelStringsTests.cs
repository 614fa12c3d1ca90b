using Argus.Alerting.Alerts;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Alerts;

public sealed class AlertLabelStringsTests
{
    [Fact]
    public void A_value_seen_once_stays_out_of_the_pool_and_the_second_sighting_pools_it()
    {
        // Unique per run, so no other test can have pooled or seen it.
        var text = "alert-label-strings-" + Guid.NewGuid().ToString("n");

        var first = AlertLabelStrings.Value(text.AsSpan());
        Assert.Equal(text, first);
        Assert.False(LabelStrings.TryGetPooled(text.AsSpan(), out _));

        var second = AlertLabelStrings.Value(text.AsSpan());
        Assert.True(LabelStrings.TryGetPooled(text.AsSpan(), out var pooled));
        Assert.Same(pooled, second);
        Assert.Same(pooled, AlertLabelStrings.Value(text.AsSpan()));
    }

    [Fact]
    public void A_value_already_pooled_is_returned_from_the_pool_at_once()
    {
        var pooled = LabelStrings.Intern("alert-label-strings-pooled-" + Guid.NewGuid().ToString("n"));

        Assert.Same(pooled, AlertLabelStrings.Value(pooled.ToCharArray()));
        Assert.Same(string.Empty, AlertLabelStrings.Value([]));
    }
}
