// Checkout's DbContext keeps owned types and its history in schema checkout; only the many-to-many join table strays.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fixture.Checkout.Infrastructure;

internal sealed class CartRow
{
    public Guid Id { get; set; }

    public AddressRow Address { get; set; } = new();

    public List<CartLineRow> Lines { get; set; } = [];

    public List<CouponRow> Coupons { get; set; } = [];
}

internal sealed class AddressRow
{
    public string City { get; set; } = "";
}

internal sealed class CartLineRow
{
    public int Quantity { get; set; }
}

internal sealed class CouponRow
{
    public Guid Id { get; set; }

    public List<CartRow> Carts { get; set; } = [];
}

internal sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("checkout");
        modelBuilder.Entity<CartRow>(cart =>
        {
            cart.OwnsOne(c => c.Address);
            cart.OwnsMany(c => c.Lines, lines => lines.ToTable("cart_lines"));
            cart.HasMany(c => c.Coupons).WithMany(c => c.Carts).UsingEntity(join => join.ToTable("cart_coupons", "marketing"));
        });
        modelBuilder.HasSequence<long>("order_numbers");
    }
}

internal sealed class CheckoutDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CheckoutDbContext>
{
    public CheckoutDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CheckoutDbContext>()
            .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", "checkout"))
            .Options);
}
