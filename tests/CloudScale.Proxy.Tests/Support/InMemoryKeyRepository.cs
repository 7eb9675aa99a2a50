using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>
/// Keeps the Data Protection key ring YARP's affinity policies pull in out of the home directory: without it every
/// proxy a test starts would write a key file to ~/.aspnet.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_elements)
        {
            return _elements.ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_elements)
        {
            _elements.Add(element);
        }
    }
}
