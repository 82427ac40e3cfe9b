namespace LabelOps
{
    /// <summary>The Ango Hub servers the documentation names.</summary>
    public enum AngoRegion
    {
        EU,
        US,
        India,
        Test,
    }
}
