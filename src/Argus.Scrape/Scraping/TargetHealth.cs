namespace Argus.Scrape.Scraping;

/// <summary>State of a target's last scrape, for the targets API.</summary>
public enum TargetHealth : byte
{
    Unknown,
    Up,
    Down,
}
