// Nothing runs here: `dotnet ef` loads this assembly only to find the modules' design-time DbContext factories.
return 0;
