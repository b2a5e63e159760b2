using Layers.Leasing;

namespace Layers.Tests.Leasing;

public sealed class BillingPeriodsTests
{
    private static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 30) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AJanuary31LeaseRenewsOnTheLastDayOfShortMonthsAndReturnsToThe31st()
    {
        var assigned = At(2027, 1, 31);
        DateTimeOffset[] expected =
        [
            At(2027, 1, 31), At(2027, 2, 28), At(2027, 3, 31), At(2027, 4, 30), At(2027, 5, 31), At(2027, 6, 30), At(2027, 7, 31),
            At(2027, 8, 31), At(2027, 9, 30), At(2027, 10, 31), At(2027, 11, 30), At(2027, 12, 31), At(2028, 1, 31), At(2028, 2, 29),
            At(2028, 3, 31),
        ];
        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(n => BillingPeriods.Start(assigned, n)));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(28)]
    [InlineData(1)]
    public void ADayEveryMonthHasIsKeptAsIs(int day)
    {
        var assigned = At(2026, 11, day, 23, 59);
        for (var n = 0; n < 30; n++)
        {
            var start = BillingPeriods.Start(assigned, n);
            Assert.Equal(day, start.Day);
            Assert.Equal(new TimeSpan(23, 59, 0), start.TimeOfDay);
            Assert.Equal(TimeSpan.Zero, start.Offset);
        }
    }

    [Fact]
    public void A30thLeaseRenewsOnFebruaryTheLastAndBackOnThe30th()
    {
        var assigned = At(2028, 1, 30);
        Assert.Equal(At(2028, 2, 29), BillingPeriods.Start(assigned, 1));
        Assert.Equal(At(2028, 3, 30), BillingPeriods.Start(assigned, 2));
        Assert.Equal(At(2029, 2, 28), BillingPeriods.Start(assigned, 13));
    }

    [Fact]
    public void EachPeriodEndsWhereTheNextStarts()
    {
        var assigned = At(2027, 8, 31);
        for (var n = 0; n < 24; n++)
        {
            Assert.Equal(BillingPeriods.Start(assigned, n + 1), BillingPeriods.End(assigned, n));
            Assert.True(BillingPeriods.End(assigned, n) > BillingPeriods.Start(assigned, n));
        }
    }

    [Fact]
    public void AnAssignmentWithAnOffsetIsAnchoredInUtc()
    {
        // 00:30 on March 1 in Paris is still February 28 in UTC: the anchor day is the 28th.
        var assigned = new DateTimeOffset(2027, 3, 1, 0, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 23, 30, 0, TimeSpan.Zero), BillingPeriods.Start(assigned, 1));
    }

    [Fact]
    public void ChargeIdsNameTheAccountAndThePeriodStart()
    {
        var start = At(2027, 2, 28);
        Assert.Equal("sa_A:2027-02-28T09:30:00.0000000Z", BillingPeriods.ChargeId("sa_A", start));
        Assert.Equal(BillingPeriods.ChargeId("sa_A", start), BillingPeriods.ChargeId("sa_A", start.ToOffset(TimeSpan.FromHours(-5))));
        Assert.NotEqual(BillingPeriods.ChargeId("sa_A", start), BillingPeriods.ChargeId("sa_B", start));
        Assert.NotEqual(BillingPeriods.ChargeId("sa_A", start), BillingPeriods.ChargeId("sa_A", At(2027, 3, 31)));
    }

    [Fact]
    public void AnchorsDropFractionsOfASecond()
    {
        var now = new DateTimeOffset(2027, 1, 31, 9, 30, 15, 999, TimeSpan.Zero).AddTicks(1234);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 9, 30, 15, TimeSpan.Zero), BillingPeriods.Anchor(now));
    }
}
