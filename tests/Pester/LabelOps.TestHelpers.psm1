<#
    Helpers for the Pester tests in this folder.

    One LabelOps emulator process for the whole run (and, for a test that must own one, a private one), a fresh
    emulator account per test, arranging projects, jobs, tasks and faults and reading the account's state and
    request log through the emulator's HTTP control surface (/_emulator/..., src/LabelOps.Emulator/Control), and
    runspaces of their own for the tests that must run a pipeline in the background or see every stream.

    Windows PowerShell 5.1 syntax throughout; no '??', ternaries or classes.
#>

# Requests the helpers themselves send to the HITL API (to read a job's or project's state, for which the control
# surface has no route) carry this User-Agent, and Get-EmulatorRequest leaves them out, so that the request log
# shows only what the module sent, whenever a test reads state.
$script:HelperUserAgent = 'LabelOps.TestHelpers'

# The emulator Use-TestEmulator chose for the helpers; $null means the shared one (Start-TestEmulator).
$script:ChosenEmulator = $null

function Get-RepositoryRoot {
    [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
}

function Get-LabelOpsManifestPath {
    $path = [System.IO.Path]::Combine((Get-RepositoryRoot), 'out', 'LabelOps', 'LabelOps.psd1')
    if (-not [System.IO.File]::Exists($path)) {
        throw "The module is not built: '$path' does not exist. Run 'dotnet build' at the repository root first."
    }
    $path
}

function Import-LabelOpsModule {
    # -Global: from inside this module, a plain Import-Module would leave the cmdlets visible to this module only.
    Import-Module -Name (Get-LabelOpsManifestPath) -Global -ErrorAction Stop
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally {
        $listener.Stop()
    }
}

function ConvertTo-TestSecureString {
    # A read-only SecureString of the text, with no dependency on ConvertTo-SecureString -AsPlainText.
    param([Parameter(Mandatory = $true, Position = 0)][string] $Text)
    $secure = [System.Security.SecureString]::new()
    foreach ($character in $Text.ToCharArray()) {
        $secure.AppendChar($character)
    }
    $secure.MakeReadOnly()
    $secure
}

function New-UnconnectedSession {
    # A session made the way Connect-* makes one, but without Connect's key check: for a key the service refuses or
    # an address nobody listens on. The engine's types cannot be named in pwsh (they load in the module's own
    # context, docs/module-loading.md), so the engine assembly is found among the loaded ones.
    param(
        [Parameter(Mandatory = $true)][ValidateSet('Hitl', 'Ango')][string] $Service,
        [Parameter(Mandatory = $true)][System.Security.SecureString] $ApiKey,
        [Parameter(Mandatory = $true)][Uri] $BaseUri,
        [hashtable] $Option = @{}
    )
    $engine = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'LabelOps.Engine' } | Select-Object -First 1
    if (-not $engine) { throw 'Import the LabelOps module first: its engine assembly is not loaded.' }
    $options = [System.Activator]::CreateInstance($engine.GetType('LabelOps.Engine.SessionOptions', $true))
    foreach ($name in $Option.Keys) { $options.$name = $Option[$name] }
    $connection = $engine.GetType("LabelOps.Engine.$Service.$($Service)Connection", $true)
    $connection.GetMethod('Open').Invoke($null, @($ApiKey, $BaseUri, $options))
}

#region The emulator process

function Test-EmulatorReady {
    param([Parameter(Mandatory = $true)][Uri] $BaseUri)
    try {
        $null = Invoke-RestMethod -Uri ($BaseUri.AbsoluteUri + '_emulator/unauthenticated-requests') -Method Get `
            -UseBasicParsing -TimeoutSec 5 -ErrorAction Stop
        $true
    }
    catch {
        $false
    }
}

function Get-EmulatorLog {
    param([Parameter(Mandatory = $true)] $Emulator)
    $text = ''
    foreach ($file in @($Emulator.StandardOutput, $Emulator.StandardError)) {
        if ([System.IO.File]::Exists($file)) {
            # The process may still hold the file open.
            $stream = [System.IO.FileStream]::new($file, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
            try {
                $text += [System.IO.StreamReader]::new($stream).ReadToEnd()
            }
            finally {
                $stream.Dispose()
            }
        }
    }
    $text
}

function Stop-EmulatorProcess {
    param([Parameter(Mandatory = $true)][System.Diagnostics.Process] $Process)
    if ($Process.HasExited) {
        return
    }
    try {
        # 'dotnet run' starts the emulator as a child process: end the whole tree (.NET Core 3.0 and later).
        $Process.Kill($true)
    }
    catch {
        # Windows PowerShell 5.1 (.NET Framework) has no Kill(bool).
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            & taskkill.exe /PID $Process.Id /T /F *> $null
        }
        else {
            $Process.Kill()
        }
    }
    $null = $Process.WaitForExit(10000)
}

function Start-EmulatorProcess {
    <#
        Starts an emulator process listening on each of -Port (loopback) and waits until its control surface answers
        on the first. Returns BaseUri and Port (the first port), Ports, Process and the files its output goes to.
    #>
    param([Parameter(Mandatory = $true)][int[]] $Port, [int] $TimeoutSeconds = 120)

    $project = [System.IO.Path]::Combine((Get-RepositoryRoot), 'src', 'LabelOps.Emulator')
    $logFolder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-emulator-' + [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($logFolder)
    $emulator = [pscustomobject]@{
        BaseUri        = [Uri]"http://127.0.0.1:$($Port[0])/"
        Port           = $Port[0]
        Ports          = $Port
        Process        = $null
        LogFolder      = $logFolder
        StandardOutput = [System.IO.Path]::Combine($logFolder, 'stdout.txt')
        StandardError  = [System.IO.Path]::Combine($logFolder, 'stderr.txt')
    }

    # Start-Process joins -ArgumentList with spaces and quotes nothing, so the project path is quoted here.
    $urls = @($Port | ForEach-Object { "http://127.0.0.1:$_" }) -join ';'
    $arguments = @('run', '--project', ('"' + $project + '"'), '--no-build', '--', '--urls', $urls)
    $emulator.Process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $emulator.StandardOutput -RedirectStandardError $emulator.StandardError

    # Bounded wait for the control surface to answer.
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while (-not (Test-EmulatorReady -BaseUri $emulator.BaseUri)) {
        if ($emulator.Process.HasExited) {
            throw ("The emulator exited before it answered on $($emulator.BaseUri). Was 'dotnet build' run? Its output:`n" + (Get-EmulatorLog -Emulator $emulator))
        }
        if ($watch.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            Stop-EmulatorProcess -Process $emulator.Process
            throw ("The emulator did not answer on $($emulator.BaseUri) within $TimeoutSeconds s. Its output:`n" + (Get-EmulatorLog -Emulator $emulator))
        }
        Start-Sleep -Milliseconds 200
    }
    $emulator
}

function Register-EmulatorExitHook {
    # Once per PowerShell session: when PowerShell exits, end the shared emulator and any private one still running.
    if ($global:LabelOpsTestEmulatorExitHook) {
        return
    }
    # The action runs in a module of its own, so it uses only the global variables and .NET.
    try {
        $null = Register-EngineEvent -SourceIdentifier 'PowerShell.Exiting' -ErrorAction Stop -Action {
            $all = @($global:LabelOpsTestEmulator) + @($global:LabelOpsPrivateTestEmulators)
            foreach ($running in $all) {
                if ($null -ne $running -and -not $running.Process.HasExited) {
                    try { $running.Process.Kill($true) } catch { try { $running.Process.Kill() } catch { } }
                }
            }
        }
        $global:LabelOpsTestEmulatorExitHook = $true
    }
    catch {
        Write-Warning "Could not register a handler that stops the emulator when PowerShell exits ($($_.Exception.Message)); run Stop-TestEmulator when done."
    }
}

function Remove-EmulatorFolder {
    param([Parameter(Mandatory = $true)] $Emulator)
    if ($null -ne $Emulator.Process) {
        Stop-EmulatorProcess -Process $Emulator.Process
    }
    try {
        [System.IO.Directory]::Delete($Emulator.LogFolder, $true)
    }
    catch {
        Write-Verbose "Left the emulator's log folder $($Emulator.LogFolder): $($_.Exception.Message)"
    }
}

function Start-TestEmulator {
    <#
        Starts the emulator once per PowerShell session and returns it (BaseUri, Port, Process); later calls, from
        any test file of the run, return the same one while it still answers. It is stopped by Stop-TestEmulator or
        when PowerShell exits.
    #>
    [CmdletBinding()]
    param([int] $TimeoutSeconds = 120)

    $existing = $global:LabelOpsTestEmulator
    if ($null -ne $existing) {
        if (-not $existing.Process.HasExited -and (Test-EmulatorReady -BaseUri $existing.BaseUri)) {
            return $existing
        }
        Stop-TestEmulator
    }

    $emulator = Start-EmulatorProcess -Port (Get-FreeTcpPort) -TimeoutSeconds $TimeoutSeconds
    $global:LabelOpsTestEmulator = $emulator
    Register-EmulatorExitHook
    $emulator
}

function Get-TestEmulator {
    # The emulator the helpers talk to: the one Use-TestEmulator chose, else the shared one.
    if ($null -ne $script:ChosenEmulator) {
        return $script:ChosenEmulator
    }
    $emulator = $global:LabelOpsTestEmulator
    if ($null -eq $emulator) {
        throw 'The emulator is not running: call Start-TestEmulator first.'
    }
    $emulator
}

function Stop-TestEmulator {
    $emulator = $global:LabelOpsTestEmulator
    if ($null -eq $emulator) {
        return
    }
    $global:LabelOpsTestEmulator = $null
    Remove-EmulatorFolder -Emulator $emulator
}

function Start-PrivateTestEmulator {
    <#
        An emulator process of the caller's own, beside the shared one, for a test that must count what belongs to
        it alone (the fault soak counts the TCP connections left open to it). It listens on two ports: BaseUri, for
        the control surface and the helpers' own reads, and ServiceUri, for the module under test only, so that every
        connection to ServicePort is one the module opened. Use-TestEmulator points the helpers at it; end it with
        Stop-PrivateTestEmulator (or it ends when PowerShell exits).
    #>
    [CmdletBinding()]
    param([int] $TimeoutSeconds = 120)
    $controlPort = Get-FreeTcpPort
    $servicePort = Get-FreeTcpPort
    while ($servicePort -eq $controlPort) { $servicePort = Get-FreeTcpPort }
    $emulator = Start-EmulatorProcess -Port $controlPort, $servicePort -TimeoutSeconds $TimeoutSeconds
    Add-Member -InputObject $emulator -NotePropertyName 'ServicePort' -NotePropertyValue $servicePort
    Add-Member -InputObject $emulator -NotePropertyName 'ServiceUri' -NotePropertyValue ([Uri]"http://127.0.0.1:$servicePort/")
    $global:LabelOpsPrivateTestEmulators = @(@($global:LabelOpsPrivateTestEmulators) | Where-Object { $null -ne $_ }) + @($emulator)
    Register-EmulatorExitHook
    $emulator
}

function Use-TestEmulator {
    # Points the helpers (accounts, arranging, request logs) at this emulator; $null points them back at the shared one.
    param([Parameter(Mandatory = $true)][AllowNull()] $Emulator)
    $script:ChosenEmulator = $Emulator
}

function Stop-PrivateTestEmulator {
    param([Parameter(Mandatory = $true)][AllowNull()] $Emulator)
    if ($null -eq $Emulator) {
        return
    }
    if ($script:ChosenEmulator -eq $Emulator) {
        $script:ChosenEmulator = $null
    }
    $global:LabelOpsPrivateTestEmulators = @(@($global:LabelOpsPrivateTestEmulators) | Where-Object { $null -ne $_ -and $_ -ne $Emulator })
    Remove-EmulatorFolder -Emulator $Emulator
}

#endregion

#region The control surface

function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory = $true)][ValidateSet('Get', 'Post', 'Delete')][string] $Method,
        [Parameter(Mandatory = $true)][string] $Path,
        [System.Collections.IDictionary] $Body,
        # For GET and DELETE, which name the account in the query string.
        [string] $ApiKey
    )
    $uri = (Get-TestEmulator).BaseUri.AbsoluteUri + '_emulator' + $Path
    if ($ApiKey) {
        # A path may carry its own query (e.g. '/ango/projects/p/export-records?includeMetadata=true').
        $separator = if ($Path.Contains('?')) { '&' } else { '?' }
        $uri += $separator + 'apiKey=' + [Uri]::EscapeDataString($ApiKey)
    }
    $parameters = @{ Uri = $uri; Method = $Method; UseBasicParsing = $true; ErrorAction = 'Stop' }
    if ($null -ne $Body) {
        $parameters['Body'] = ConvertTo-Json -InputObject $Body -Depth 20 -Compress
        $parameters['ContentType'] = 'application/json; charset=utf-8'
    }
    Invoke-RestMethod @parameters
}

function New-EmulatorAccount {
    <#
        A new, isolated emulator account (its own key, data, faults and request log). Returns ApiKey (SecureString,
        for Connect-Hitl), PlainKey (for assertions on what the emulator received) and BaseUri.
    #>
    param([string] $ApiKey)
    $body = @{}
    if ($ApiKey) {
        $body['apiKey'] = $ApiKey
    }
    $answer = Invoke-EmulatorControl -Method Post -Path '/accounts' -Body $body
    $key = [string]$answer.apiKey
    [pscustomobject]@{
        PlainKey = $key
        ApiKey   = ConvertTo-TestSecureString $key
        BaseUri  = (Get-TestEmulator).BaseUri
    }
}

function New-EmulatorHitlProject {
    # Returns the new project's id.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [string] $Name = 'Project',
        [ValidateSet('new', 'active', 'inactive')][string] $Status = 'active',
        [string] $InstructionsFileUrl
    )
    $body = @{ apiKey = $Account.PlainKey; name = $Name; status = $Status }
    if ($InstructionsFileUrl) {
        $body['instructionsFileUrl'] = $InstructionsFileUrl
    }
    [string](Invoke-EmulatorControl -Method Post -Path '/hitl/projects' -Body $body).id
}

function New-EmulatorHitlJob {
    # Adds a job without the API's validation (HitlStore.AddJob); returns its id.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [string[]] $FileUrl,
        [string] $Status,
        [DateTimeOffset] $CreateDate
    )
    $body = @{ apiKey = $Account.PlainKey; projectId = $ProjectId }
    if ($FileUrl) {
        $body['fileUrls'] = [string[]]$FileUrl
    }
    if ($Status) {
        $body['status'] = $Status
    }
    if ($PSBoundParameters.ContainsKey('CreateDate')) {
        # HitlJobRecord.CreateDate: a job made in the past.
        $body['createDate'] = $CreateDate.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    [string](Invoke-EmulatorControl -Method Post -Path '/hitl/jobs' -Body $body).job_id
}

function Add-EmulatorHitlGeneratedJob {
    # Adds -Count jobs in one -Status (default done) at once: a big project's history (POST /_emulator/hitl/generated-jobs).
    # Returns how many jobs the project holds afterwards.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [Parameter(Mandatory = $true)][int] $Count,
        [string] $Status = 'done'
    )
    $body = @{ apiKey = $Account.PlainKey; projectId = $ProjectId; count = $Count; status = $Status }
    [int](Invoke-EmulatorControl -Method Post -Path '/hitl/generated-jobs' -Body $body).jobs
}

function Set-EmulatorHitlProjectStatus {
    # What a HITL administrator does: sets the project's status (new, active, inactive).
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId, [Parameter(Mandatory = $true)][string] $Status)
    $null = Invoke-EmulatorControl -Method Post -Path ('/hitl/projects/' + [Uri]::EscapeDataString($ProjectId) + '/status') -Body @{ apiKey = $Account.PlainKey; status = $Status }
}

function Set-EmulatorHitlJobStatus {
    # Moves a job as a worker would (HitlStore.SetJobStatus): dates are set, and a done job gets annotations.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [Parameter(Mandatory = $true)][string] $JobId,
        [Parameter(Mandatory = $true)][ValidateSet('new', 'progress', 'done', 'error', 'canceled', 'expired')][string] $Status,
        [System.Collections.IDictionary] $Annotations,
        [string] $ErrorMessage
    )
    $body = @{ apiKey = $Account.PlainKey; status = $Status }
    if ($null -ne $Annotations) {
        $body['annotations'] = $Annotations
    }
    if ($ErrorMessage) {
        $body['error'] = $ErrorMessage
    }
    $path = '/hitl/jobs/' + [Uri]::EscapeDataString($ProjectId) + '/' + [Uri]::EscapeDataString($JobId) + '/status'
    $null = Invoke-EmulatorControl -Method Post -Path $path -Body $body
}

function Add-EmulatorFault {
    <#
        Queues a fault for the account's requests (FaultPlan.Add). -Path is a literal path where '*' matches one
        segment, e.g. '/v1/jobs/*/*'. Faults are used in the order added, each -Times times.
    #>
    param(
        [Parameter(Mandatory = $true)] $Account,
        [string] $Method = '*',
        [Parameter(Mandatory = $true)][string] $Path,
        [int] $Status,
        [string] $RetryAfter,
        [int] $DelayMs,
        [switch] $Drop,
        [switch] $Truncate,
        [switch] $Html,
        [switch] $AfterHandler,
        # Answer with exactly this text (Fault.Body), of -ContentType (default application/json).
        [string] $ReplyBody,
        [string] $ContentType,
        # Answer with a redirect (302 unless -Status) to this URL (Fault.RedirectTo).
        [string] $RedirectTo,
        # Send the real body slowly: -BodyChunkBytes (default 1024) bytes every -BodyChunkDelayMs (Fault.BodyChunkDelay).
        [int] $BodyChunkDelayMs,
        [int] $BodyChunkBytes,
        [int] $Times = 1
    )
    $body = @{ apiKey = $Account.PlainKey; method = $Method; path = $Path; times = $Times }
    if ($PSBoundParameters.ContainsKey('Status')) { $body['status'] = $Status }
    if ($PSBoundParameters.ContainsKey('RetryAfter')) { $body['retryAfter'] = $RetryAfter }
    if ($PSBoundParameters.ContainsKey('DelayMs')) { $body['delayMs'] = $DelayMs }
    if ($Drop) { $body['drop'] = $true }
    if ($Truncate) { $body['truncate'] = $true }
    if ($Html) { $body['html'] = $true }
    if ($AfterHandler) { $body['afterHandler'] = $true }
    if ($PSBoundParameters.ContainsKey('ReplyBody')) { $body['body'] = $ReplyBody }
    if ($ContentType) { $body['contentType'] = $ContentType }
    if ($RedirectTo) { $body['redirectTo'] = $RedirectTo }
    if ($PSBoundParameters.ContainsKey('BodyChunkDelayMs')) { $body['bodyChunkDelayMs'] = $BodyChunkDelayMs }
    if ($PSBoundParameters.ContainsKey('BodyChunkBytes')) { $body['bodyChunkBytes'] = $BodyChunkBytes }
    $null = Invoke-EmulatorControl -Method Post -Path '/faults' -Body $body
}

function Clear-EmulatorFault {
    param([Parameter(Mandatory = $true)] $Account)
    $null = Invoke-EmulatorControl -Method Delete -Path '/faults' -ApiKey $Account.PlainKey
}

function ConvertTo-Instant {
    # PowerShell 7 turns ISO dates in JSON into DateTime; Windows PowerShell leaves them as strings.
    param($Value)
    if ($Value -is [DateTimeOffset]) {
        return $Value
    }
    if ($Value -is [DateTime]) {
        return [DateTimeOffset]::new($Value)
    }
    [DateTimeOffset]::Parse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture)
}

function Get-EmulatorRequest {
    <#
        The requests the emulator received as this account, in arrival order (EmulatorAccount.Requests), optionally
        only those with -Method whose path starts with -PathPrefix. Each has method, path
        (decoded, as ASP.NET Core gives it), queryString, headers (lower-case names), body, responseStatus,
        receivedAt, faultApplied, and ReceivedAtUtc (a DateTimeOffset).
    #>
    param(
        [Parameter(Mandatory = $true)] $Account,
        [string] $Method,
        [string] $PathPrefix,
        # Also the helpers' own reads of job and project state (left out by default).
        [switch] $IncludeHelperRequests
    )
    $answer = Invoke-EmulatorControl -Method Get -Path '/requests' -ApiKey $Account.PlainKey
    # Windows PowerShell writes a JSON array as one object; foreach takes it apart either way.
    foreach ($request in $answer) {
        if (-not $IncludeHelperRequests -and $request.headers.'user-agent' -eq $script:HelperUserAgent) {
            continue
        }
        if ($Method -and $request.method -cne $Method) {
            continue
        }
        if ($PathPrefix -and -not ([string]$request.path).StartsWith($PathPrefix, [StringComparison]::Ordinal)) {
            continue
        }
        Add-Member -InputObject $request -NotePropertyName 'ReceivedAtUtc' -NotePropertyValue (ConvertTo-Instant $request.receivedAt) -Force
        $request
    }
}

function Get-EmulatorActivity {
    # requestsInFlight (received, not answered yet) and pendingFaults (queued fault uses not taken yet).
    param([Parameter(Mandatory = $true)] $Account)
    Invoke-EmulatorControl -Method Get -Path '/activity' -ApiKey $Account.PlainKey
}

function Get-EmulatorRequestCount {
    <#
        How many requests the emulator received as this account with -Method whose path starts with -PathPrefix,
        counted by the emulator (GET /_emulator/requests/count): for polling while a client runs, where fetching
        the whole log at every look is too slow. Counts the helpers' own requests too (they never write).
    #>
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $Method,
        [Parameter(Mandatory = $true)][string] $PathPrefix
    )
    (Invoke-EmulatorControl -Method Get -Path ('/requests/count?method=' + $Method + '&pathPrefix=' + [Uri]::EscapeDataString($PathPrefix)) -ApiKey $Account.PlainKey).count
}

function Clear-EmulatorRequest {
    param([Parameter(Mandatory = $true)] $Account)
    $null = Invoke-EmulatorControl -Method Delete -Path '/requests' -ApiKey $Account.PlainKey
}

function Get-EmulatorUnauthenticatedRequest {
    # Requests whose key matched no account (EmulatorServer.UnauthenticatedRequests), for the whole emulator.
    $answer = Invoke-EmulatorControl -Method Get -Path '/unauthenticated-requests'
    foreach ($request in $answer) {
        $request
    }
}

#endregion

#region Reading state through the HITL API

# The control surface can arrange state but not read it, so these read it the way a client would: GET /v1/... with
# the account's key and the helpers' User-Agent (which Get-EmulatorRequest leaves out). Like any request of the
# account, such a read would take a queued fault whose method and path match, so the tests read state only after
# the module's call has used the faults meant for it.

function Invoke-HitlApiAsHelper {
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $Path)
    $uri = (Get-TestEmulator).BaseUri.AbsoluteUri.TrimEnd('/') + $Path
    try {
        Invoke-RestMethod -Uri $uri -Method Get -Headers @{ Authorization = 'api_key ' + $Account.PlainKey } `
            -UserAgent $script:HelperUserAgent -UseBasicParsing -ErrorAction Stop
    }
    catch {
        $response = $_.Exception.Response
        if ($null -ne $response -and [int]$response.StatusCode -eq 404) {
            return $null
        }
        throw
    }
}

function Get-EmulatorHitlJob {
    # The job's status object (project_id, job_id, status, ...), or $null when there is no such job.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId, [Parameter(Mandatory = $true)][string] $JobId)
    Invoke-HitlApiAsHelper -Account $Account -Path ('/v1/jobs/' + [Uri]::EscapeDataString($ProjectId) + '/' + [Uri]::EscapeDataString($JobId))
}

function Get-EmulatorHitlJobList {
    # Every job of the project (HitlStore.GetJobs).
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId)
    $answer = Invoke-HitlApiAsHelper -Account $Account -Path ('/v1/jobs/' + [Uri]::EscapeDataString($ProjectId))
    foreach ($job in $answer) {
        $job
    }
}

function Get-EmulatorHitlProjectStatus {
    # new, active or inactive; $null when there is no such project (HitlStore.GetProjectStatus).
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId)
    $answer = Invoke-HitlApiAsHelper -Account $Account -Path ('/v1/projects/' + [Uri]::EscapeDataString($ProjectId))
    if ($null -ne $answer) {
        [string]$answer.status
    }
}

#endregion

#region Environment variables

function Get-HitlEnvironment {
    @{
        HITL_API_KEY  = [System.Environment]::GetEnvironmentVariable('HITL_API_KEY')
        HITL_BASE_URI = [System.Environment]::GetEnvironmentVariable('HITL_BASE_URI')
    }
}

function Set-HitlEnvironment {
    # Sets (or, for $null, removes) process environment variables, e.g. to restore what Get-HitlEnvironment saved.
    param([Parameter(Mandatory = $true, Position = 0)][hashtable] $Values)
    foreach ($name in @($Values.Keys)) {
        [System.Environment]::SetEnvironmentVariable($name, $Values[$name])
    }
}

#endregion

#region Waiting and runspaces of their own

function Wait-Until {
    <#
        Polls an observable condition instead of sleeping a guessed time; throws when it is
        still false after -TimeoutSeconds.
    #>
    param(
        [Parameter(Mandatory = $true, Position = 0)][scriptblock] $Condition,
        [double] $TimeoutSeconds = 10,
        [string] $Because = 'the condition'
    )
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($watch.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            throw "Gave up after $TimeoutSeconds s waiting for: $Because"
        }
        Start-Sleep -Milliseconds 10
    }
}

function Get-DataCollectionItem {
    # A snapshot by index: enumerating a PSDataCollection that is still open can block until it is closed.
    param([Parameter(Mandatory = $true)][AllowNull()] $Collection)
    if ($null -eq $Collection) {
        return
    }
    for ($i = 0; $i -lt $Collection.Count; $i++) {
        $Collection[$i]
    }
}

function New-TestRunspace {
    # A runspace with the built module imported and the given variables set, as a user's session has it (other
    # commands, e.g. Get-Member, load on first use).
    param([hashtable] $Variables = @{})
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $state.ImportPSModule([string[]]@(Get-LabelOpsManifestPath))
    $state.ThrowOnRunspaceOpenError = $true
    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($state)
    $runspace.Open()
    foreach ($name in @($Variables.Keys)) {
        $runspace.SessionStateProxy.SetVariable($name, $Variables[$name])
    }
    $runspace
}

function New-StreamResult {
    param($Shell, $Output, $Terminating)
    [pscustomobject]@{
        Output      = @(Get-DataCollectionItem $Output)
        Errors      = @(Get-DataCollectionItem $Shell.Streams.Error)
        Verbose     = @(Get-DataCollectionItem $Shell.Streams.Verbose | ForEach-Object { $_.Message })
        Debug       = @(Get-DataCollectionItem $Shell.Streams.Debug | ForEach-Object { $_.Message })
        Warnings    = @(Get-DataCollectionItem $Shell.Streams.Warning | ForEach-Object { $_.Message })
        Progress    = @(Get-DataCollectionItem $Shell.Streams.Progress)
        Information = @(Get-DataCollectionItem $Shell.Streams.Information)
        Terminating = $Terminating
    }
}

function Invoke-InTestRunspace {
    <#
        Runs a script to completion in the runspace and returns every stream: Output, Errors,
        Verbose, Debug, Warnings, Progress, Information, and Terminating (an exception, or $null). -ThrowOnError
        throws when the script wrote any error, for arranging steps.
    #>
    param(
        [Parameter(Mandatory = $true)] $Runspace,
        [Parameter(Mandatory = $true)][string] $Script,
        [switch] $ThrowOnError
    )
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $Runspace
        $null = $shell.AddScript($Script)
        $output = $null
        $terminating = $null
        try {
            $output = $shell.Invoke()
        }
        catch {
            $terminating = $_.Exception
        }
        $result = New-StreamResult -Shell $shell -Output $output -Terminating $terminating
    }
    finally {
        $shell.Dispose()
    }
    if ($ThrowOnError -and ($null -ne $result.Terminating -or $result.Errors.Count -gt 0)) {
        $messages = @($result.Errors | ForEach-Object { $_.ToString() })
        if ($null -ne $result.Terminating) {
            $messages += $result.Terminating.Message
        }
        throw ("The script failed: " + ($messages -join '; '))
    }
    $result
}

function Start-InTestRunspace {
    # Starts a script in the background; returns Shell, Handle and Output (still filling).
    param([Parameter(Mandatory = $true)] $Runspace, [Parameter(Mandatory = $true)][string] $Script)
    $shell = [powershell]::Create()
    $shell.Runspace = $Runspace
    $null = $shell.AddScript($Script)
    $inputItems = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $inputItems.Complete()
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $handle = $shell.BeginInvoke($inputItems, $output)
    [pscustomobject]@{ Shell = $shell; Handle = $handle; Output = $output }
}

function Get-InTestRunspaceOutput {
    # What the background script has written so far.
    param([Parameter(Mandatory = $true)] $Running)
    Get-DataCollectionItem $Running.Output
}

function Wait-InTestRunspace {
    # Waits for the background script to end; $true when it did within -TimeoutSeconds.
    param([Parameter(Mandatory = $true)] $Running, [double] $TimeoutSeconds = 30)
    $Running.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))
}

function Stop-InTestRunspace {
    <#
        What Ctrl+C does (RunningScript.Stop): PowerShell.Stop(), which calls StopProcessing on the running cmdlet.
        Returns Finished (the pipeline ended within -TimeoutMilliseconds) and ElapsedMilliseconds (from the stop
        request until the pipeline ended).
    #>
    param([Parameter(Mandatory = $true)] $Running, [int] $TimeoutMilliseconds = 5000)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $stopping = $Running.Shell.BeginStop($null, $null)
    $finished = $Running.Handle.AsyncWaitHandle.WaitOne($TimeoutMilliseconds)
    $watch.Stop()
    $null = $stopping.AsyncWaitHandle.WaitOne($TimeoutMilliseconds)
    [pscustomobject]@{ Finished = $finished; ElapsedMilliseconds = $watch.ElapsedMilliseconds }
}

function Get-InTestRunspaceResult {
    # Every stream of a background script that has ended; Terminating holds what stopped it, if anything.
    param([Parameter(Mandatory = $true)] $Running)
    $terminating = $null
    if ($Running.Handle.IsCompleted) {
        try {
            $null = $Running.Shell.EndInvoke($Running.Handle)
        }
        catch {
            $terminating = $_.Exception
        }
    }
    New-StreamResult -Shell $Running.Shell -Output $Running.Output -Terminating $terminating
}

function Remove-InTestRunspace {
    # Disposes a background script (stopping it if it still runs) and its runspace; either may be $null.
    param($Running, $Runspace)
    if ($null -ne $Running) {
        if (-not $Running.Handle.IsCompleted) {
            $Running.Shell.Stop()
        }
        $Running.Shell.Dispose()
    }
    if ($null -ne $Runspace) {
        $Runspace.Dispose()
    }
}

function Get-StreamText {
    # Every text a run produced anywhere, for leak checks.
    param([Parameter(Mandatory = $true)] $Result)
    foreach ($item in $Result.Output) { [string]$item }
    foreach ($record in $Result.Errors) {
        $record.ToString()
        if ($null -ne $record.Exception) { $record.Exception.ToString() }
        if ($null -ne $record.ErrorDetails) { [string]$record.ErrorDetails.Message }
        if ($null -ne $record.TargetObject) { [string]$record.TargetObject }
    }
    foreach ($message in $Result.Verbose) { [string]$message }
    foreach ($message in $Result.Debug) { [string]$message }
    foreach ($message in $Result.Warnings) { [string]$message }
    foreach ($record in $Result.Progress) { [string]$record.Activity + ' ' + $record.StatusDescription + ' ' + $record.CurrentOperation }
    foreach ($record in $Result.Information) { [string]$record.MessageData }
    if ($null -ne $Result.Terminating) {
        $Result.Terminating.ToString()
        if ($Result.Terminating -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $Result.Terminating.ErrorRecord) {
            $Result.Terminating.ErrorRecord.ToString()
        }
    }
}

function Get-VerboseMessage {
    # The messages of the VerboseRecords among objects captured with 4>&1.
    param([AllowNull()][object[]] $Captured)
    foreach ($item in $Captured) {
        if ($item -is [System.Management.Automation.VerboseRecord]) {
            $item.Message
        }
    }
}

function Get-ErrorId {
    # The part of each FullyQualifiedErrorId before the command name.
    param([AllowNull()][object[]] $ErrorRecord)
    foreach ($record in $ErrorRecord) {
        ([string]$record.FullyQualifiedErrorId).Split(',')[0]
    }
}

#endregion

#region Ango Hub: arranging and reading state (the /_emulator/ango routes, src/LabelOps.Emulator/Control/ControlRoutes.Ango.cs)

# Each stands for the AngoStore method (src/LabelOps.Emulator/Ango/AngoStore*.cs) its route calls. The
# reads return the store's JSON documents as the service spells them (_id, externalId, stage, ...).

function Invoke-AngoControl {
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][ValidateSet('Get', 'Post')][string] $Method,
        [Parameter(Mandatory = $true)][string] $Path,
        [System.Collections.IDictionary] $Body
    )
    if ($Method -eq 'Get') {
        return Invoke-EmulatorControl -Method Get -Path ('/ango' + $Path) -ApiKey $Account.PlainKey
    }
    $payload = @{ apiKey = $Account.PlainKey }
    if ($null -ne $Body) {
        foreach ($name in @($Body.Keys)) { $payload[$name] = $Body[$name] }
    }
    Invoke-EmulatorControl -Method Post -Path ('/ango' + $Path) -Body $payload
}

function Get-EmulatorAngoList {
    # A JSON array read from the control surface, one item at a time (Windows PowerShell writes an array as one object).
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $Path)
    foreach ($item in (Invoke-AngoControl -Account $Account -Method Get -Path $Path)) {
        $item
    }
}

function Get-AngoTestUri {
    # The emulator's Ango Hub API, for $AngoUri.
    [Uri]((Get-TestEmulator).BaseUri.AbsoluteUri + 'v2/')
}

function New-EmulatorAngoProject {
    # AngoStore.AddProject: the default workflow Start -> Label -> Complete unless -Stage is given. Returns the id.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [string] $Name = 'Project',
        [string] $Description,
        [System.Collections.IDictionary] $CategorySchema,
        [object[]] $Stage
    )
    $body = @{ name = $Name }
    if ($PSBoundParameters.ContainsKey('Description')) { $body['description'] = $Description }
    if ($null -ne $CategorySchema) { $body['categorySchema'] = $CategorySchema }
    if ($null -ne $Stage) { $body['stages'] = [object[]]$Stage }
    [string](Invoke-AngoControl -Account $Account -Method Post -Path '/projects' -Body $body).id
}

function Get-TaskTestWorkflowStage {
    # The task tests' workflow: Start -> Label -> Review -> Notify (Webhook) -> Complete,
    # with the stage ids st-start, st-label, st-review, st-notify and st-complete.
    @(
        @{ id = 'st-start'; name = 'Start'; type = 'Start'; next = @('st-label') }
        @{ id = 'st-label'; name = 'Label'; type = 'Label'; next = @('st-review') }
        @{ id = 'st-review'; name = 'Review'; type = 'Review'; next = @('st-notify') }
        @{ id = 'st-notify'; name = 'Notify'; type = 'Webhook'; next = @('st-complete') }
        @{ id = 'st-complete'; name = 'Complete'; type = 'Complete'; next = @() }
    )
}

function New-EmulatorAngoTaskWorkflowProject {
    # A project with the five-stage workflow above. Returns the id.
    param([Parameter(Mandatory = $true)] $Account, [string] $Name = 'Tasks')
    New-EmulatorAngoProject -Account $Account -Name $Name -Stage (Get-TaskTestWorkflowStage)
}

function Add-EmulatorAngoAsset {
    <#
        AngoStore.AddAsset: one asset and its task, returning AssetId and TaskId; or, with -Count, AngoStore.AddAssets:
        that many assets named asset-00000.jpg, asset-00001.jpg, ..., returning their task ids in order.
    #>
    [CmdletBinding(DefaultParameterSetName = 'One')]
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [Parameter(ParameterSetName = 'One')][string] $ExternalId,
        [Parameter(ParameterSetName = 'One')][string] $Data,
        [Parameter(ParameterSetName = 'One')][string[]] $Batch,
        [Parameter(ParameterSetName = 'One')][System.Collections.IDictionary] $Metadata,
        [Parameter(ParameterSetName = 'One')][System.Collections.IDictionary] $ContextData,
        [Parameter(ParameterSetName = 'Many', Mandatory = $true)][int] $Count
    )
    $body = @{ projectId = $ProjectId }
    if ($PSCmdlet.ParameterSetName -eq 'Many') {
        $body['count'] = $Count
        $answer = Invoke-AngoControl -Account $Account -Method Post -Path '/assets' -Body $body
        return [string[]]@($answer.taskIds | ForEach-Object { [string]$_ })
    }
    if ($ExternalId) { $body['externalId'] = $ExternalId }
    if ($Data) { $body['data'] = $Data }
    if ($Batch) { $body['batches'] = [string[]]$Batch }
    if ($null -ne $Metadata) { $body['metadata'] = $Metadata }
    if ($null -ne $ContextData) { $body['contextData'] = $ContextData }
    $answer = Invoke-AngoControl -Account $Account -Method Post -Path '/assets' -Body $body
    [pscustomobject]@{ AssetId = [string]$answer.assetId; TaskId = [string]$answer.taskId }
}

function Set-EmulatorAngoTask {
    # AngoStore.UpdateTask: sets the task's fields (stage, status, assignee, answer, duration, ...); returns the task.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $TaskId,
        [Parameter(Mandatory = $true)][System.Collections.IDictionary] $Field
    )
    Invoke-AngoControl -Account $Account -Method Post -Path ('/tasks/' + [Uri]::EscapeDataString($TaskId)) -Body @{ set = $Field }
}

function New-EmulatorAngoBatch {
    <#
        Adds a batch to the project; returns its id. -Kind picks the store method:
        Define (AngoStore.DefineBatch, the default), Project (AddBatchToProject) or Task (AddTaskBatch).
    #>
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [Parameter(Mandatory = $true)][string] $Name,
        [string] $Description,
        [string] $Color,
        [ValidateSet('Define', 'Project', 'Task')][string] $Kind = 'Define'
    )
    $body = @{ projectId = $ProjectId; name = $Name; kind = $Kind.ToLowerInvariant() }
    if ($Description) { $body['description'] = $Description }
    if ($Color) { $body['color'] = $Color }
    [string](Invoke-AngoControl -Account $Account -Method Post -Path '/batches' -Body $body).id
}

function New-EmulatorAngoIssue {
    # AngoStore.AddIssue; returns the issue's id.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $TaskId,
        [string] $Content = 'Please check',
        [string] $Status = 'Open',
        [string] $Assignee,
        [string] $CreatedBy = 'owner@example.test',
        [string] $Title,
        [string] $Position
    )
    $body = @{ taskId = $TaskId; content = $Content; status = $Status; createdBy = $CreatedBy }
    if ($Assignee) { $body['assignee'] = $Assignee }
    if ($Title) { $body['title'] = $Title }
    if ($Position) { $body['position'] = $Position }
    [string](Invoke-AngoControl -Account $Account -Method Post -Path '/issues' -Body $body).id
}

function New-EmulatorAngoStorage {
    # AngoStore.AddStorage; returns the storage's id.
    param(
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $Name,
        [string] $Type = 'aws',
        [string] $Bucket = 'bucket',
        [string] $Region = 'eu-west-1'
    )
    [string](Invoke-AngoControl -Account $Account -Method Post -Path '/storages' -Body @{ name = $Name; type = $Type; bucket = $Bucket; region = $Region }).id
}

function Set-EmulatorAngoGeneratedExportRecord {
    # AngoStore.SetGeneratedExportRecords: the project's exports end with -Count synthetic records of about 1 KB.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId, [Parameter(Mandatory = $true)][int] $Count)
    $null = Invoke-AngoControl -Account $Account -Method Post -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/generated-export-records') -Body @{ count = $Count }
}

function Get-EmulatorAngoOrganization {
    # OrganizationId and ProjectCount of the account's organisation (AngoStore.OrganizationId, ProjectCount).
    param([Parameter(Mandatory = $true)] $Account)
    $answer = Invoke-AngoControl -Account $Account -Method Get -Path '/organization'
    [pscustomobject]@{ OrganizationId = [string]$answer.organizationId; ProjectCount = [int]$answer.projectCount }
}

function Get-EmulatorAngoProject {
    # AngoStore.GetProject: the project document, or $null when there is no such project.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId)
    try {
        Invoke-AngoControl -Account $Account -Method Get -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId))
    }
    catch {
        $response = $_.Exception.Response
        if ($null -ne $response -and [int]$response.StatusCode -eq 404) {
            return $null
        }
        throw
    }
}

function Get-EmulatorAngoTask {
    # AngoStore.GetTasks (-ProjectId: the project's tasks in creation order) or GetTask (-TaskId: one task).
    param([Parameter(Mandatory = $true)] $Account, [string] $ProjectId, [string] $TaskId)
    if ($TaskId) {
        return Invoke-AngoControl -Account $Account -Method Get -Path ('/tasks/' + [Uri]::EscapeDataString($TaskId))
    }
    Get-EmulatorAngoList -Account $Account -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/tasks')
}

function Get-EmulatorAngoAsset {
    # AngoStore.GetAssets (-ProjectId) or GetAsset (-AssetId).
    param([Parameter(Mandatory = $true)] $Account, [string] $ProjectId, [string] $AssetId)
    if ($AssetId) {
        return Invoke-AngoControl -Account $Account -Method Get -Path ('/assets/' + [Uri]::EscapeDataString($AssetId))
    }
    Get-EmulatorAngoList -Account $Account -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/assets')
}

function Get-EmulatorAngoBatch {
    # AngoStore.GetBatches.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId)
    Get-EmulatorAngoList -Account $Account -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/batches')
}

function Get-EmulatorAngoStageId {
    # AngoStore.StageId: the id of the stage with this name, or $null.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId, [Parameter(Mandatory = $true)][string] $StageName)
    $answer = Invoke-AngoControl -Account $Account -Method Get -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/stages/' + [Uri]::EscapeDataString($StageName))
    if ($null -ne $answer.id) { [string]$answer.id }
}

function Get-EmulatorAngoExportRecord {
    # AngoStore.ExportRecords: the records an export of the project would hold (without generated ones).
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId, [switch] $IncludeMetadata, [switch] $IncludeHistory)
    $query = '?includeMetadata=' + ([string][bool]$IncludeMetadata).ToLowerInvariant() + '&includeHistory=' + ([string][bool]$IncludeHistory).ToLowerInvariant()
    Get-EmulatorAngoList -Account $Account -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/export-records' + $query)
}

function Get-EmulatorAngoInstructionsFile {
    # AngoStore.GetInstructionsFile: FileName, ContentType, Content (bytes) and Url, or $null.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $ProjectId)
    $answer = Invoke-AngoControl -Account $Account -Method Get -Path ('/projects/' + [Uri]::EscapeDataString($ProjectId) + '/instructions')
    # No file is the JSON 'null', which Invoke-RestMethod does not always turn into $null.
    if ($null -eq $answer -or $null -eq $answer.PSObject.Properties['fileName']) {
        return $null
    }
    [pscustomobject]@{
        FileName    = [string]$answer.fileName
        ContentType = [string]$answer.contentType
        Content     = [Convert]::FromBase64String([string]$answer.contentBase64)
        Url         = [string]$answer.url
    }
}

function Get-EmulatorAngoTaskHistory {
    # AngoStore.GetTaskHistory.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $TaskId)
    Get-EmulatorAngoList -Account $Account -Path ('/tasks/' + [Uri]::EscapeDataString($TaskId) + '/history')
}

function Get-EmulatorAngoIssue {
    # AngoStore.GetIssues.
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/issues'
}

function Get-EmulatorAngoMember {
    # AngoStore.GetMembers.
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/members'
}

function Get-EmulatorAngoInvite {
    # AngoStore.GetInvites.
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/invites'
}

function Get-EmulatorAngoStorage {
    # AngoStore.GetStorages.
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/storages'
}

function Get-EmulatorAngoStorageSecret {
    # AngoStore.GetStorageSecrets: what the service keeps of a storage's credentials.
    param([Parameter(Mandatory = $true)] $Account, [Parameter(Mandatory = $true)][string] $StorageId)
    Invoke-AngoControl -Account $Account -Method Get -Path ('/storages/' + [Uri]::EscapeDataString($StorageId) + '/secrets')
}

function Get-EmulatorAngoStorageUpload {
    # AngoStore.StorageUploads: every PUT to a signed upload URL (projectId, fileName, path, length, contentType, hadApiKey, status).
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/storage-uploads'
}

function Get-EmulatorAngoChatUpload {
    # AngoStore.ChatUploads (projectId, fieldNames, fileName, conversationCount, batchNames, llmConfigJson).
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/chat-uploads'
}

function Get-EmulatorAngoWebhookRerun {
    # AngoStore.WebhookReruns (projectId, stageId).
    param([Parameter(Mandatory = $true)] $Account)
    Get-EmulatorAngoList -Account $Account -Path '/webhook-reruns'
}

function Get-RequestQuery {
    # The query of a recorded request as a hashtable of name -> URL-decoded value.
    param([Parameter(Mandatory = $true)] $Request)
    $query = @{}
    $text = [string]$Request.queryString
    if ($text.StartsWith('?')) {
        $text = $text.Substring(1)
    }
    foreach ($pair in $text.Split([char[]]'&', [System.StringSplitOptions]::RemoveEmptyEntries)) {
        $parts = $pair.Split([char[]]'=', 2)
        $name = [Uri]::UnescapeDataString($parts[0].Replace('+', ' '))
        $value = if ($parts.Count -gt 1) { [Uri]::UnescapeDataString($parts[1].Replace('+', ' ')) } else { '' }
        $query[$name] = $value
    }
    $query
}

function Get-RequestBody {
    # The JSON body of a recorded request, parsed.
    param([Parameter(Mandatory = $true)] $Request)
    ConvertFrom-Json -InputObject ([string]$Request.body)
}

function New-AngoTestRunspace {
    <#
        A runspace with the module imported and $ApiKey (the account's key, as a
        SecureString) and $AngoUri set. Ango tests run their scripts there with Invoke-AngoTestScript, so that every
        error, terminating or not, lands in the result's Errors.
    #>
    param([Parameter(Mandatory = $true)] $Account, [hashtable] $Variables = @{})
    $all = @{ ApiKey = $Account.ApiKey; AngoUri = (Get-AngoTestUri) }
    foreach ($name in @($Variables.Keys)) { $all[$name] = $Variables[$name] }
    New-TestRunspace -Variables $all
}

# How the Ango tests connect: quick retries, so retry tests stay fast.
$script:AngoConnect = 'Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 3'

function Get-AngoConnectScript {
    $script:AngoConnect
}

function Invoke-AngoTestScript {
    <#
        Runs a script in the test runspace and returns every stream (Invoke-InTestRunspace). -Connected first connects
        and clears the account's request log. -Variables are set before the script runs.
    #>
    param(
        [Parameter(Mandatory = $true)] $Runspace,
        [Parameter(Mandatory = $true)] $Account,
        [Parameter(Mandatory = $true)][string] $Script,
        [hashtable] $Variables = @{},
        [switch] $Connected
    )
    if ($Connected) {
        $null = Invoke-InTestRunspace -Runspace $Runspace -Script $script:AngoConnect -ThrowOnError
        Clear-EmulatorRequest -Account $Account
    }
    foreach ($name in @($Variables.Keys)) {
        $Runspace.SessionStateProxy.SetVariable($name, $Variables[$name])
    }
    Invoke-InTestRunspace -Runspace $Runspace -Script $Script
}

function Select-OutputOfType {
    # The output objects of one type, unwrapped.
    param([Parameter(Mandatory = $true)] $Result, [Parameter(Mandatory = $true)][type] $Type)
    foreach ($item in $Result.Output) {
        $value = if ($item -is [psobject]) { $item.psobject.BaseObject } else { $item }
        if ($value -is $Type) {
            $value
        }
    }
}

#endregion

Export-ModuleMember -Function @(
    'New-UnconnectedSession', 'Invoke-EmulatorControl', 'Invoke-AngoControl',
    'Get-RepositoryRoot', 'Get-LabelOpsManifestPath', 'Import-LabelOpsModule', 'Get-FreeTcpPort', 'ConvertTo-TestSecureString',
    'Start-TestEmulator', 'Get-TestEmulator', 'Stop-TestEmulator', 'Start-PrivateTestEmulator', 'Use-TestEmulator', 'Stop-PrivateTestEmulator',
    'New-EmulatorAccount', 'New-EmulatorHitlProject', 'New-EmulatorHitlJob', 'Set-EmulatorHitlProjectStatus', 'Set-EmulatorHitlJobStatus', 'Add-EmulatorHitlGeneratedJob',
    'Add-EmulatorFault', 'Clear-EmulatorFault', 'Get-EmulatorRequest',
    'Get-EmulatorRequestCount', 'Get-EmulatorActivity', 'Clear-EmulatorRequest', 'Get-EmulatorUnauthenticatedRequest',
    'Get-EmulatorHitlJob', 'Get-EmulatorHitlJobList', 'Get-EmulatorHitlProjectStatus',
    'Get-HitlEnvironment', 'Set-HitlEnvironment',
    'Wait-Until', 'New-TestRunspace', 'Invoke-InTestRunspace', 'Start-InTestRunspace', 'Get-InTestRunspaceOutput',
    'Wait-InTestRunspace', 'Stop-InTestRunspace', 'Get-InTestRunspaceResult', 'Remove-InTestRunspace',
    'Get-StreamText', 'Get-VerboseMessage', 'Get-ErrorId',
    'Get-AngoTestUri', 'New-EmulatorAngoProject', 'Get-TaskTestWorkflowStage', 'New-EmulatorAngoTaskWorkflowProject',
    'Add-EmulatorAngoAsset', 'Set-EmulatorAngoTask', 'New-EmulatorAngoBatch', 'New-EmulatorAngoIssue', 'New-EmulatorAngoStorage',
    'Set-EmulatorAngoGeneratedExportRecord', 'Get-EmulatorAngoOrganization', 'Get-EmulatorAngoProject', 'Get-EmulatorAngoTask',
    'Get-EmulatorAngoAsset', 'Get-EmulatorAngoBatch', 'Get-EmulatorAngoStageId', 'Get-EmulatorAngoExportRecord',
    'Get-EmulatorAngoInstructionsFile', 'Get-EmulatorAngoTaskHistory', 'Get-EmulatorAngoIssue', 'Get-EmulatorAngoMember',
    'Get-EmulatorAngoInvite', 'Get-EmulatorAngoStorage', 'Get-EmulatorAngoStorageSecret', 'Get-EmulatorAngoStorageUpload',
    'Get-EmulatorAngoChatUpload', 'Get-EmulatorAngoWebhookRerun', 'Get-RequestQuery', 'Get-RequestBody',
    'New-AngoTestRunspace', 'Get-AngoConnectScript', 'Invoke-AngoTestScript', 'Select-OutputOfType'
)
