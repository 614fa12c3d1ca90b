using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations;

/// <summary>Alertmanager's <c>Key.Hash</c>: the hex SHA-256 of the group key, used where providers limit the length
/// of a de-duplication key (PagerDuty's dedup key, Opsgenie's alias, VictorOps' entity id, Jira's label).</summary>
public static class GroupKeys
{
    public static string Hash(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));
    }
}
