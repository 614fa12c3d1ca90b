namespace Argus.WebUi.Tests;

/// <summary>Every UI test class shares one browser and one Argus (<see cref="UiFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "web ui";
}
