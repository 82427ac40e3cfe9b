using System.Management.Automation;
using System.Security;

namespace LabelOps.Base
{
    /// <summary>
    /// Refuses a key passed as plain text. PowerShell's own conversion error would quote the value it could not
    /// convert ("Cannot convert the "abc…" value of type System.String…"), putting the key into $Error, the error
    /// stream and any transcript; this message names the accepted forms instead and never repeats the input.
    /// </summary>
    internal sealed class SecureStringOnlyAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is SecureString)
            {
                return value;
            }
            throw new ArgumentTransformationMetadataException(
                "The key must be a SecureString (Read-Host -AsSecureString, Get-Secret, or a credential's password), " +
                "a PSCredential through -Credential, or the service's API key environment variable. " +
                "A " + value.GetType().Name + " is refused and its value is not shown.");
        }
    }
}
