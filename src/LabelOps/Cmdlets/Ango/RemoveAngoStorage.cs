using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Disconnects storage integrations (DELETE /storages/{id}). ConfirmImpact High: every asset imported through
    /// the storage stops loading for every project of the organisation, and the credentials are gone.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AngoStorage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAngoStorage : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] StorageId { get; set; } = new string[0];

        protected override void ProcessRecord() =>
            ForEachConfirmed(StorageId, "Storage", "Delete Ango storage integration", (id, bridge, token) => ClientFor(bridge).DeleteStorageAsync(id, token));
    }
}
