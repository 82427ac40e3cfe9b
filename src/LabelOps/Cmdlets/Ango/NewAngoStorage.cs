using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Connects a bucket to the organisation (POST /storages). Secrets come from a PSCredential (user = access key
    /// id or account name, password = secret) or, for GCS, a service-account key file; they are sent once and
    /// never written to any stream, including -Verbose and -Debug.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AngoStorage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(AngoStorage))]
    public sealed class NewAngoStorage : AngoCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string PrivateKeySet = "PrivateKey";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateSet("aws", "gcs", "azure")]
        public string Type { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>aws: user = access key id, password = secret access key. azure: user = account name, password = account key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>gcs: the service account's JSON key file.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        protected override void ProcessRecord()
        {
            var type = Type.ToLowerInvariant();
            var definition = new AngoStorageDefinition { Name = Name, Type = type, Bucket = Bucket, Region = Region };
            try
            {
                if (ParameterSetName == PrivateKeySet)
                {
                    if (type != "gcs")
                    {
                        throw LabelOpsException.InvalidArgument("-PrivateKeyPath is for gcs storages; use -Credential for " + type + ".");
                    }
                    string path;
                    try
                    {
                        path = LocalFiles.ResolveLiteral(this, PrivateKeyPath!);
                    }
                    catch (LabelOpsException failure)
                    {
                        // A file the cmdlet cannot use names the file, as with every cmdlet that reads one.
                        WriteError(ErrorRecords.From(failure, PrivateKeyPath));
                        return;
                    }
                    definition.PrivateKey = File.ReadAllText(path);
                }
                else
                {
                    var secret = Credential!.GetNetworkCredential().Password;
                    definition.Credentials = type == "azure"
                        ? new Dictionary<string, string> { ["accountName"] = Credential.UserName, ["accountKey"] = secret }
                        : new Dictionary<string, string> { ["accessKeyId"] = Credential.UserName, ["secretAccessKey"] = secret };
                }
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Name));
                return;
            }
            if (!ShouldProcess("Storage '" + Name + "' (" + type + " bucket " + Bucket + ")", "Create Ango storage integration"))
            {
                return;
            }
            RunForItem(Name, async (bridge, token) =>
                bridge.WriteObject(await ClientFor(bridge).CreateStorageAsync(definition, token).ConfigureAwait(false)));
        }
    }
}
