using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The action buttons of a petition page: one form per trigger the actor may fire now, with its inputs.</summary>
public sealed record PetitionActionsModel(Petition Petition, IReadOnlyList<PermittedAction> Actions, string? Error);
