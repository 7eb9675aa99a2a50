namespace Fixture.BuildingBlocks;

public abstract record IntegrationEvent(Guid EventId);
