using Argus.Alerting.Routing;

namespace Argus.Alerting.Dispatch;

/// <summary>
/// When the next escalation step of a group falls due (null when none is pending); supplied by the composition root
/// from Argus's group states. The dispatcher flushes a group for escalation at that moment even between its
/// <c>group_interval</c> flushes, so steps fire on time rather than at the next regular flush.
/// </summary>
public delegate DateTime? EscalationSchedule(string groupKey, Route route);
