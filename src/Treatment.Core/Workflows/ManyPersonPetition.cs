namespace Treatment.Core.Workflows;

/// <summary>다수인관련민원: a common interest of at least 5 households, jointly signed by at least 5 persons (Act §2(6)).</summary>
public static class ManyPersonPetition
{
    public const int MinimumHouseholds = 5;
    public const int MinimumSigners = 5;

    public static bool Qualifies(int signers, int households) => signers >= MinimumSigners && households >= MinimumHouseholds;
}
