using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>
/// The admin actions' tests: a host and database of their own, because applying a temporary holiday changes the calendar
/// every clock of the host counts on, and user accounts are created and disabled.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "admin";
}
