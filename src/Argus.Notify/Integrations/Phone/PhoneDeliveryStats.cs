namespace Argus.Notify.Integrations.Phone;

/// <summary>Counts of the phone integrations, for the server to publish as metrics (Interlocked fields).</summary>
public sealed class PhoneDeliveryStats
{
    private long _smsRateLimited;
    private long _voiceRateLimited;

    /// <summary>SMS not sent to a number because its rate limit was reached.</summary>
    public long SmsRateLimited => Interlocked.Read(ref _smsRateLimited);

    /// <summary>Calls not placed to a number because its rate limit was reached.</summary>
    public long VoiceRateLimited => Interlocked.Read(ref _voiceRateLimited);

    internal void CountRateLimited(bool voice)
    {
        if (voice)
        {
            Interlocked.Increment(ref _voiceRateLimited);
        }
        else
        {
            Interlocked.Increment(ref _smsRateLimited);
        }
    }
}
