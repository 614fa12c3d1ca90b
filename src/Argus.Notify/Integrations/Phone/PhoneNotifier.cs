using System.Runtime.CompilerServices;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// What the SMS and voice providers share: the message is rendered once; numbers over their <c>rate_limit</c> are
/// dropped (counted and logged, never retried); the rest go to the provider, per number or in one request. A retry of
/// the same notification skips the numbers that already got it, so a failure for one number does not repeat the
/// message to the others. The send fails as retryable when any failure was.
/// </summary>
public abstract class PhoneNotifier : HttpNotifier<PhoneGatewayConfig>
{
    /// <summary>Numbers already served per notification (the pipeline retries with the same request object).</summary>
    private readonly ConditionalWeakTable<NotificationRequest, HashSet<string>> _done = new();

    private protected PhoneNotifier(PhoneGatewayConfig config, HttpClient client, PhoneContext context)
        : base(config, client)
    {
        Context = context;
    }

    /// <summary><c>sms</c> or <c>voice</c>.</summary>
    public override string Integration => Config.IsVoice ? "voice" : "sms";

    private protected PhoneContext Context { get; }

    /// <summary>True when each request carries one number (Twilio, Alibaba Cloud, an http gateway with <c>per_recipient</c>).</summary>
    private protected abstract bool PerRecipient { get; }

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = new TemplateExpander(request, Integration);
        var message = new PhoneMessage(request, t, t.Expand("message", Config.Message));
        var done = _done.GetOrCreateValue(request);
        var now = Context.Time.GetUtcNow();
        var allowed = new List<string>();
        foreach (var number in Config.To)
        {
            if (done.Contains(number))
            {
                continue;
            }
            if (Config.RateLimit is { } limit && !Context.Limiter.TryAcquire(number, limit, now))
            {
                Context.Stats.CountRateLimited(Config.IsVoice);
                Context.Logger.LogWarning("{Integration} to {Number} dropped for {GroupKey}: its rate limit of {Max} per {Per} is reached",
                    Integration, number, request.GroupKey, limit.Max, limit.Per);
                done.Add(number);
                continue;
            }
            allowed.Add(number);
        }
        if (allowed.Count == 0)
        {
            return;
        }
        var failures = new List<NotifyException>();
        foreach (var batch in PerRecipient ? allowed.Select(n => (IReadOnlyList<string>)[n]) : [allowed])
        {
            try
            {
                await SendAsync(message, batch, cancellationToken).ConfigureAwait(false);
                done.UnionWith(batch);
            }
            catch (NotifyException e)
            {
                failures.Add(e);
                if (Config.RateLimit is not null)
                {
                    foreach (var number in batch)
                    {
                        Context.Limiter.Release(number, now);
                    }
                }
            }
        }
        if (failures.Count == 1)
        {
            throw failures[0];
        }
        if (failures.Count > 1)
        {
            throw new NotifyException(string.Join("; ", failures.Select(f => f.Message)), failures.Exists(f => f.Retryable), failures[0]);
        }
    }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="numbers"/> (one number when <see cref="PerRecipient"/>).</summary>
    private protected abstract Task SendAsync(PhoneMessage message, IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    /// <summary>The template data of a request to <paramref name="numbers"/>.</summary>
    private protected PhoneTemplateData TemplateData(PhoneMessage message, IReadOnlyList<string> numbers) =>
        new(message.Templates.Data, message.Request.GroupKey, message.Text, numbers, Config.From ?? string.Empty);

    /// <summary>One notification on its way to the phones: the request, its template expander and the rendered message.</summary>
    internal sealed record PhoneMessage(NotificationRequest Request, TemplateExpander Templates, string Text);
}
