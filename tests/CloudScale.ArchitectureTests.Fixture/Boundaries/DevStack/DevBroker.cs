namespace Fixture.DevStack;

public static class DevBroker
{
    public static void Start()
    {
    }
}
