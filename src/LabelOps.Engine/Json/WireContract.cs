using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LabelOps.Wire;

namespace LabelOps.Engine.Json
{
    /// <summary>
    /// Reads the Wire attributes of the public model (LabelOps.Model carries no System.Text.Json attributes, because it
    /// loads in PowerShell's default context and System.Text.Json is isolated) and applies them as System.Text.Json's
    /// own contract customisation would: names, required fields, free-form values, fields never on the wire, other
    /// fields collected.
    /// </summary>
    internal static class WireContract
    {
        public static void Apply(JsonTypeInfo typeInfo)
        {
            if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != typeof(WireNameAttribute).Assembly)
            {
                return;
            }
            foreach (var property in typeInfo.Properties.ToList())
            {
                var member = property.AttributeProvider as MemberInfo;
                if (member == null)
                {
                    continue;
                }
                if (member.GetCustomAttribute<NotOnWireAttribute>() != null)
                {
                    typeInfo.Properties.Remove(property);
                    continue;
                }
                if (member.GetCustomAttribute<WireNameAttribute>() is { } wireName)
                {
                    property.Name = wireName.Name;
                }
                if (member.GetCustomAttribute<FreeformAttribute>() != null)
                {
                    property.CustomConverter = FreeformJsonConverter.Instance;
                }
                if (member.GetCustomAttribute<WireRequiredAttribute>() != null)
                {
                    property.IsRequired = true;
                }
                if (member.GetCustomAttribute<OtherFieldsAttribute>() != null)
                {
                    property.IsExtensionData = true;
                }
            }
            if (typeInfo.Properties.Any(p => p.IsExtensionData))
            {
                // Extension data arrives as JsonElement values; the public model holds free-form values instead.
                var previous = typeInfo.OnDeserialized;
                typeInfo.OnDeserialized = instance =>
                {
                    foreach (var property in typeInfo.Properties.Where(p => p.IsExtensionData))
                    {
                        if (property.Get?.Invoke(instance) is IDictionary<string, object?> fields)
                        {
                            foreach (var key in fields.Keys.ToList())
                            {
                                if (fields[key] is JsonElement element)
                                {
                                    fields[key] = FreeformJsonConverter.FromElement(element);
                                }
                            }
                        }
                    }
                    previous?.Invoke(instance);
                };
            }
        }
    }
}
