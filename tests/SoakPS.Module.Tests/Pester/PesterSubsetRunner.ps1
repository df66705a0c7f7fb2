# Runs a Pester 5 test file with the small subset of Pester that SoakPS's .Tests.ps1 files use, inside the hosted
# engine (Pester itself is not available here). It is not Pester: blocks are flattened and run in one scope.
param([string] $TestFile, [string] $TestDriveRoot)

$script:__frames = [System.Collections.Generic.List[object]]::new()
$script:__steps = [System.Collections.Generic.List[object]]::new()
$script:__root = @{ Name = ''; BeforeEach = [System.Collections.Generic.List[scriptblock]]::new(); AfterEach = [System.Collections.Generic.List[scriptblock]]::new() }
$script:__frames.Add($script:__root)

function __Current { $script:__frames[$script:__frames.Count - 1] }

function __Block([string] $Name, [scriptblock] $Body) {
    $frame = @{ Name = $Name; BeforeEach = [System.Collections.Generic.List[scriptblock]]::new(); AfterEach = [System.Collections.Generic.List[scriptblock]]::new() }
    $script:__frames.Add($frame)
    $script:__steps.Add(@{ Kind = 'Enter'; Frame = $frame })
    & $Body
    $script:__steps.Add(@{ Kind = 'Leave'; Frame = $frame })
    $script:__frames.RemoveAt($script:__frames.Count - 1)
}

function Describe([string] $Name, [scriptblock] $Fixture) { __Block $Name $Fixture }
function Context([string] $Name, [scriptblock] $Fixture) { __Block $Name $Fixture }
function BeforeAll([scriptblock] $Scriptblock) { $script:__steps.Add(@{ Kind = 'Setup'; Block = $Scriptblock }) }
function AfterAll([scriptblock] $Scriptblock) { (__Current).AfterAll = $Scriptblock }
function BeforeEach([scriptblock] $Scriptblock) { (__Current).BeforeEach.Add($Scriptblock) }
function AfterEach([scriptblock] $Scriptblock) { (__Current).AfterEach.Add($Scriptblock) }

function It([string] $Name, [scriptblock] $Test, [object[]] $ForEach) {
    $path = ($script:__frames | ForEach-Object { $_.Name } | Where-Object { $_ }) -join ' / '
    # Assigned inside the branches: an if-expression would unroll @($null) into nothing.
    if ($ForEach) { $cases = $ForEach } else { $cases = @($null) }
    foreach ($case in $cases) {
        $title = $Name
        if ($case -is [hashtable]) { foreach ($key in $case.Keys) { $title = $title.Replace("<$key>", [string]$case[$key]) } }
        $script:__steps.Add(@{ Kind = 'Test'; Name = "$path / $title"; Body = $Test; Data = $case
            Before = @($script:__frames | ForEach-Object { $_.BeforeEach } | Where-Object { $_ })
            After = @($script:__frames | ForEach-Object { $_.AfterEach } | Where-Object { $_ }) })
    }
}

function __Fail([string] $Message) { throw [System.Exception]::new("Expectation failed: $Message") }

function __Equal($Actual, $Expected, [bool] $CaseSensitive) {
    if ($Expected -is [array] -or ($Actual -is [array])) {
        $a = @($Actual); $e = @($Expected)
        if ($a.Count -ne $e.Count) { return $false }
        for ($i = 0; $i -lt $a.Count; $i++) { if (-not (__Equal $a[$i] $e[$i] $CaseSensitive)) { return $false } }
        return $true
    }
    if ($null -eq $Actual -or $null -eq $Expected) { return $null -eq $Actual -and $null -eq $Expected }
    if ($CaseSensitive) { return $Actual -ceq $Expected } else { return $Actual -eq $Expected }
}

function Should {
    param(
        [Parameter(ValueFromPipeline = $true)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Be, [switch] $BeExactly, [switch] $Throw, [switch] $HaveCount, [switch] $BeNullOrEmpty,
        [switch] $BeTrue, [switch] $BeFalse, [switch] $Contain, [switch] $Match, [switch] $BeGreaterThan, [switch] $BeLessThan,
        [string] $ErrorId
    )
    begin { $items = [System.Collections.Generic.List[object]]::new(); $piped = $false }
    process { $piped = $true; $items.Add($ActualValue) }
    end {
        $actual = if ($items.Count -eq 1) { $items[0] } elseif ($items.Count -eq 0) { $null } else { $items.ToArray() }
        if ($Be) { if (-not (__Equal $actual $ExpectedValue $false)) { __Fail "expected '$ExpectedValue', got '$actual'" } }
        elseif ($BeExactly) { if (-not (__Equal $actual $ExpectedValue $true)) { __Fail "expected exactly '$ExpectedValue', got '$actual'" } }
        elseif ($HaveCount) { if ($items.Count -ne $ExpectedValue) { __Fail "expected $ExpectedValue items, got $($items.Count)" } }
        elseif ($BeNullOrEmpty) { if (@($items | Where-Object { $null -ne $_ -and "$_" -ne '' }).Count -gt 0) { __Fail "expected nothing, got '$actual'" } }
        elseif ($BeTrue) { if ($actual -ne $true) { __Fail "expected true, got '$actual'" } }
        elseif ($BeFalse) { if ($actual -ne $false) { __Fail "expected false, got '$actual'" } }
        elseif ($Contain) { if (-not ($items.ToArray() -contains $ExpectedValue)) { __Fail "expected a collection containing '$ExpectedValue'" } }
        elseif ($Match) { if (-not ($actual -match $ExpectedValue)) { __Fail "expected '$actual' to match '$ExpectedValue'" } }
        elseif ($BeGreaterThan) { if (-not ($actual -gt $ExpectedValue)) { __Fail "expected '$actual' > '$ExpectedValue'" } }
        elseif ($BeLessThan) { if (-not ($actual -lt $ExpectedValue)) { __Fail "expected '$actual' < '$ExpectedValue'" } }
        elseif ($Throw) {
            $caught = $null
            try { $null = & $actual } catch { $caught = $_ }
            if ($null -eq $caught) { __Fail 'expected an exception, none was thrown' }
            if ($ErrorId -and -not ($caught.FullyQualifiedErrorId -like "$ErrorId*")) { __Fail "expected error id '$ErrorId', got '$($caught.FullyQualifiedErrorId)'" }
        }
        else { __Fail 'unsupported Should operator' }
    }
}

$TestDrive = $TestDriveRoot
$PesterSubsetResults = [System.Collections.Generic.List[object]]::new()
. $TestFile

foreach ($__step in $script:__steps) {
    if ($__step.Kind -eq 'Setup') { $null = . $__step.Block; continue }
    if ($__step.Kind -eq 'Leave') { if ($__step.Frame.AfterAll) { $null = . $__step.Frame.AfterAll }; continue }
    if ($__step.Kind -ne 'Test') { continue }
    $__error = $null
    try {
        foreach ($__b in $__step.Before) { $null = . $__b }
        if ($__step.Data -is [hashtable]) { foreach ($__k in $__step.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__k, $__step.Data[$__k]) } }
        # Like Pester, what a test writes to the pipeline is discarded.
        $null = . $__step.Body
    }
    catch { $__error = $_.Exception.Message }
    finally { foreach ($__a in $__step.After) { $null = . $__a } }
    $PesterSubsetResults.Add([pscustomobject]@{ Name = $__step.Name; Passed = ($null -eq $__error); Error = $__error })
}
$PesterSubsetResults
