# A runner of the Pester 5 SUBSET that SoakPS's tests/pester files use; it is NOT Pester.
# It exists because Pester cannot be installed where the hosted PowerShell engine runs (no pwsh, no
# PowerShell Gallery). Supported: Describe, Context, It (-Skip, -TestCases), BeforeAll, BeforeEach, AfterEach,
# AfterAll, $TestDrive, and Should with -Not and -Be, -BeExactly, -Throw (-ExpectedMessage, -ErrorId,
# -ExceptionType), -HaveCount, -BeNullOrEmpty, -BeTrue, -BeFalse, -Contain, -Match, -BeGreaterThan, -BeLessThan.
# Not supported: Mock, BeforeDiscovery, tags, Should operators beyond those. Real Pester 5 runs the same files
# in the GitHub workflow. Uses only the language, core commands and .NET (the hosted engine has no Utility module).

$script:PesterSubsetCollecting = $null
$script:PesterSubsetResults = $null

function New-PesterSubsetBlock([string] $Name, $Parent) {
    [pscustomobject]@{
        Name       = $Name
        Parent     = $Parent
        Items      = [System.Collections.Generic.List[object]]::new()
        BeforeAll  = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach  = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll   = [System.Collections.Generic.List[scriptblock]]::new()
    }
}

function Get-PesterSubsetPath($Block, [string] $Leaf) {
    $names = [System.Collections.Generic.List[string]]::new()
    # The file's own root block is not part of a test's name.
    for ($b = $Block; $null -ne $b.Parent; $b = $b.Parent) { $names.Insert(0, $b.Name) }
    if ($Leaf) { $names.Add($Leaf) }
    $names -join ' > '
}

function Add-PesterSubsetResult([string] $Path, [string] $Outcome, [string] $Message) {
    $script:PesterSubsetResults.Add([pscustomobject]@{ Name = $Path; Outcome = $Outcome; Message = $Message })
}

function Register-PesterSubsetBlock([string] $Name, [scriptblock] $Body) {
    $parent = $script:PesterSubsetCollecting
    if ($null -eq $parent) { throw 'Describe runs only inside Invoke-PesterSubset.' }
    $block = New-PesterSubsetBlock $Name $parent
    $parent.Items.Add($block)
    $script:PesterSubsetCollecting = $block
    try {
        $null = & $Body
    }
    catch {
        $block.Items.Add([pscustomobject]@{ Name = '(discovery)'; DiscoveryError = $_; Body = $null; Skip = $false; TestCases = $null })
    }
    finally {
        $script:PesterSubsetCollecting = $parent
    }
}

function Describe([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Mandatory, Position = 1)][scriptblock] $Fixture) {
    Register-PesterSubsetBlock $Name $Fixture
}

function Context([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Mandatory, Position = 1)][scriptblock] $Fixture) {
    if ($null -eq $script:PesterSubsetCollecting.Parent) { throw 'Context must be inside a Describe.' }
    Register-PesterSubsetBlock $Name $Fixture
}

function It {
    param(
        [Parameter(Mandatory, Position = 0)][string] $Name,
        [Parameter(Position = 1)][scriptblock] $Test,
        [Alias('ForEach')][System.Collections.IDictionary[]] $TestCases,
        [switch] $Skip
    )
    if ($null -eq $script:PesterSubsetCollecting.Parent) { throw 'It must be inside a Describe.' }
    $script:PesterSubsetCollecting.Items.Add([pscustomobject]@{ Name = $Name; Body = $Test; Skip = [bool]$Skip; TestCases = $TestCases; DiscoveryError = $null })
}

function BeforeAll([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $script:PesterSubsetCollecting.BeforeAll.Add($Scriptblock) }
function BeforeEach([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $script:PesterSubsetCollecting.BeforeEach.Add($Scriptblock) }
function AfterEach([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $script:PesterSubsetCollecting.AfterEach.Add($Scriptblock) }
function AfterAll([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $script:PesterSubsetCollecting.AfterAll.Add($Scriptblock) }

function Get-PesterSubsetItCount($Block) {
    $count = 0
    foreach ($item in $Block.Items) {
        if ($item.PSObject.Properties['Items']) { $count += Get-PesterSubsetItCount $item }
        elseif ($null -eq $item.DiscoveryError) { $count += [Math]::Max(1, @($item.TestCases).Count) }
    }
    $count
}

function Invoke-PesterSubsetBlock($Block) {
    # Runs in its own scope: what BeforeAll defines is visible to the block's Its and nested Contexts, as in Pester 5.
    $isTop = $null -eq $Block.Parent
    if ($isTop) {
        $global:TestDrive = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'pester-subset-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($global:TestDrive)
    }
    try {
        $setupFailure = $null
        try {
            foreach ($sb in $Block.BeforeAll) { . $sb }
        }
        catch {
            $setupFailure = "BeforeAll failed: $_"
        }
        foreach ($item in $Block.Items) {
            if ($item.PSObject.Properties['Items']) {
                if ($null -ne $setupFailure) {
                    Add-PesterSubsetResult (Get-PesterSubsetPath $item) 'Failed' $setupFailure
                }
                else {
                    Invoke-PesterSubsetBlock $item
                }
                continue
            }
            $path = Get-PesterSubsetPath $Block $item.Name
            if ($null -ne $item.DiscoveryError) {
                Add-PesterSubsetResult $path 'Failed' "Discovery failed: $($item.DiscoveryError)"
                continue
            }
            if ($item.Skip) {
                Add-PesterSubsetResult $path 'Skipped' ''
                continue
            }
            $cases = @($null)
            if ($item.TestCases) { $cases = $item.TestCases }
            foreach ($case in $cases) {
                if ($null -ne $setupFailure) {
                    Add-PesterSubsetResult $path 'Failed' $setupFailure
                    continue
                }
                Invoke-PesterSubsetTest $Block $item $case $path
            }
        }
        foreach ($sb in $Block.AfterAll) {
            try { . $sb } catch { Add-PesterSubsetResult (Get-PesterSubsetPath $Block '(AfterAll)') 'Failed' "AfterAll failed: $_" }
        }
    }
    finally {
        if ($isTop) {
            try { [System.IO.Directory]::Delete($global:TestDrive, $true) } catch { }
        }
    }
}

function Invoke-PesterSubsetTest($Block, $Item, $Case, [string] $Path) {
    $pesterSubsetChain = [System.Collections.Generic.List[object]]::new()
    for ($b = $Block; $null -ne $b; $b = $b.Parent) { $pesterSubsetChain.Insert(0, $b) }
    $pesterSubsetName = $Path
    $pesterSubsetBody = $Item.Body
    $pesterSubsetCase = $null
    if ($null -ne $Case) {
        # Copied first: a test case may have a key named like a local of this function (Case, Path, Item...).
        $pesterSubsetCase = @{} + $Case
        foreach ($pesterSubsetKey in @($pesterSubsetCase.Keys)) {
            $pesterSubsetName = $pesterSubsetName.Replace("<$pesterSubsetKey>", [string]$pesterSubsetCase[$pesterSubsetKey])
            $ExecutionContext.SessionState.PSVariable.Set([string]$pesterSubsetKey, $pesterSubsetCase[$pesterSubsetKey])
        }
    }
    $pesterSubsetFailure = $null
    try {
        foreach ($b in $pesterSubsetChain) { foreach ($sb in $b.BeforeEach) { . $sb } }
        if ($null -ne $pesterSubsetCase) { . $pesterSubsetBody @pesterSubsetCase } else { . $pesterSubsetBody }
    }
    catch {
        $pesterSubsetFailure = [string]$_
    }
    for ($i = $pesterSubsetChain.Count - 1; $i -ge 0; $i--) {
        foreach ($sb in $pesterSubsetChain[$i].AfterEach) {
            try { . $sb } catch { if ($null -eq $pesterSubsetFailure) { $pesterSubsetFailure = "AfterEach failed: $_" } }
        }
    }
    if ($null -eq $pesterSubsetFailure) { Add-PesterSubsetResult $pesterSubsetName 'Passed' '' } else { Add-PesterSubsetResult $pesterSubsetName 'Failed' $pesterSubsetFailure }
}

function Format-PesterSubsetValue($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [System.Collections.IEnumerable]) { return '@(' + ((@($Value) | ForEach-Object { Format-PesterSubsetValue $_ }) -join ', ') + ')' }
    [string]$Value
}

function Test-PesterSubsetEqual($Actual, $Expected, [bool] $CaseSensitive) {
    $actualIsList = $Actual -is [System.Collections.IEnumerable] -and $Actual -isnot [string]
    $expectedIsList = $Expected -is [System.Collections.IEnumerable] -and $Expected -isnot [string]
    if ($actualIsList -or $expectedIsList) {
        $a = @($Actual); $e = @($Expected)
        if ($a.Count -ne $e.Count) { return $false }
        for ($i = 0; $i -lt $a.Count; $i++) {
            if (-not (Test-PesterSubsetEqual $a[$i] $e[$i] $CaseSensitive)) { return $false }
        }
        return $true
    }
    if ($null -eq $Actual -or $null -eq $Expected) { return $null -eq $Actual -and $null -eq $Expected }
    if ($CaseSensitive) { return $Expected -ceq $Actual }
    $Expected -eq $Actual
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [switch] $Not,
        [object] $Be,
        [object] $BeExactly,
        [switch] $Throw,
        [Parameter(Position = 0)][string] $ExpectedMessage,
        [string] $ErrorId,
        [type] $ExceptionType,
        [int] $HaveCount,
        [switch] $BeNullOrEmpty,
        [switch] $BeTrue,
        [switch] $BeFalse,
        [object] $Contain,
        [string] $Match,
        [object] $BeGreaterThan,
        [object] $BeLessThan,
        [string] $Because
    )
    begin { $collected = [System.Collections.Generic.List[object]]::new(); $received = $false }
    process { $received = $true; $collected.Add($ActualValue) }
    end {
        $actual = if (-not $received -or $collected.Count -eq 0) { $null } elseif ($collected.Count -eq 1) { $collected[0] } else { $collected.ToArray() }
        $shown = Format-PesterSubsetValue $actual
        $bound = $PSBoundParameters
        if ($bound.ContainsKey('Be')) {
            $ok = Test-PesterSubsetEqual $actual $Be $false; $what = "to be $(Format-PesterSubsetValue $Be)"
        }
        elseif ($bound.ContainsKey('BeExactly')) {
            $ok = Test-PesterSubsetEqual $actual $BeExactly $true; $what = "to be exactly $(Format-PesterSubsetValue $BeExactly)"
        }
        elseif ($Throw) {
            if ($actual -isnot [scriptblock]) { throw 'Should -Throw needs a script block as input.' }
            $caught = $null
            try { $null = & $actual } catch { $caught = $_ }
            $ok = $null -ne $caught
            $what = 'an exception to be thrown'
            if ($ok -and $ExpectedMessage) { $ok = $caught.Exception.Message -like $ExpectedMessage; $what += " with message like '$ExpectedMessage'" }
            # As in Pester 5: the whole FullyQualifiedErrorId ("Id,Namespace.Command") is matched with -like.
            if ($ok -and $ErrorId) { $ok = $caught.FullyQualifiedErrorId -like $ErrorId; $what += " with FullyQualifiedErrorId like '$ErrorId'" }
            if ($ok -and $ExceptionType) { $ok = $caught.Exception -is $ExceptionType; $what += " of type $ExceptionType" }
            $shown = if ($null -eq $caught) { 'no exception' } else { "'$($caught.Exception.Message)' ($($caught.FullyQualifiedErrorId), $($caught.Exception.GetType().FullName))" }
        }
        elseif ($bound.ContainsKey('HaveCount')) {
            $count = if ($null -eq $actual) { 0 } else { @($actual).Count }
            $ok = $count -eq $HaveCount; $what = "to have count $HaveCount"; $shown = "count $count"
        }
        elseif ($BeNullOrEmpty) {
            $ok = $null -eq $actual -or ($actual -is [string] -and $actual.Length -eq 0) -or ($actual -is [System.Collections.ICollection] -and $actual.Count -eq 0)
            $what = 'to be null or empty'
        }
        elseif ($BeTrue) { $ok = [bool]$actual -eq $true; $what = 'to be true' }
        elseif ($BeFalse) { $ok = [bool]$actual -eq $false; $what = 'to be false' }
        elseif ($bound.ContainsKey('Contain')) { $ok = @($actual) -contains $Contain; $what = "to contain $(Format-PesterSubsetValue $Contain)" }
        elseif ($bound.ContainsKey('Match')) { $ok = [string]$actual -match $Match; $what = "to match '$Match'" }
        elseif ($bound.ContainsKey('BeGreaterThan')) { $ok = $actual -gt $BeGreaterThan; $what = "to be greater than $BeGreaterThan" }
        elseif ($bound.ContainsKey('BeLessThan')) { $ok = $actual -lt $BeLessThan; $what = "to be less than $BeLessThan" }
        else { throw 'Should: no supported operator given (this runner supports a Pester 5 subset).' }

        if ($Not) { $ok = -not $ok; $what = "not $what" }
        if (-not $ok) {
            $reason = if ($Because) { " because $Because" } else { '' }
            throw [System.Exception]::new("Expected $what$reason, but got $shown.")
        }
    }
}

function Invoke-PesterSubset([Parameter(Mandatory)][string] $Path) {
    $script:PesterSubsetResults = [System.Collections.Generic.List[object]]::new()
    # The file is a block of its own: a top-level BeforeAll serves every Describe in it, as in Pester 5.
    $root = New-PesterSubsetBlock ([System.IO.Path]::GetFileName($Path)) $null
    $script:PesterSubsetCollecting = $root
    try {
        # Discovery in a scope of its own: as in Pester 5, what the file sets outside BeforeAll is gone when tests run.
        & { param($File) . $File } $Path
    }
    catch {
        Add-PesterSubsetResult $root.Name 'Failed' "File failed: $_"
        return $script:PesterSubsetResults.ToArray()
    }
    finally {
        $script:PesterSubsetCollecting = $null
    }
    Invoke-PesterSubsetBlock $root
    $script:PesterSubsetResults.ToArray()
}
