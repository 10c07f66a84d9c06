using Treatment.Core.Assignment;
using Treatment.Core.Petitions;

namespace Treatment.Core.Tests.Petitions;

/// <summary>The department's policy that comes with a receipt number decides whether intake reads its officials.</summary>
public sealed class ReceiptAllocationTests
{
    [Theory]
    [InlineData(DistributionPolicy.Manual, false)]
    [InlineData(DistributionPolicy.RoundRobin, true)]
    [InlineData(DistributionPolicy.LeastOpenWork, true)]
    [InlineData(null, true)] // unknown: distribution reads the department itself and decides
    public void DepartmentDistributes_FollowsThePolicy(DistributionPolicy? policy, bool distributes)
    {
        var allocation = new ReceiptAllocation(Id: 1, Sequence: 1, policy);

        Assert.Equal(distributes, allocation.DepartmentDistributes);
    }
}
