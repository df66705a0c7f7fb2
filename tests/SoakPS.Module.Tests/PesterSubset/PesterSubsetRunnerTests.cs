namespace SoakPS.Module.Tests.PesterSubset;

/// <summary>The Pester 5 subset runner must be able to fail: negative controls first, then the real Pester files.</summary>
// The Pester files set process environment variables (MM_RUNTIME_OVERRIDES_JSON), so they never run beside other tests.
[Collection(EnvironmentVariableCollection.Name)]
public class PesterSubsetRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pester-subset-tests", Guid.NewGuid().ToString("N"));

    public PesterSubsetRunnerTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_failing_expectation_fails_the_It_and_others_still_run()
    {
        var results = RunText("""
            Describe 'control' {
                It 'fails' { 1 + 1 | Should -Be 3 }
                It 'passes' { 1 + 1 | Should -Be 2 }
            }
            """);
        Assert.Equal(2, results.Count);
        var failed = Assert.Single(results, r => r.Outcome == PesterOutcome.Failed);
        Assert.Equal("control > fails", failed.Name);
        Assert.Contains("Expected to be 3, but got 2", failed.Message);
        Assert.Equal(PesterOutcome.Passed, Assert.Single(results, r => r.Name == "control > passes").Outcome);
    }

    [Fact]
    public void A_failing_BeforeAll_fails_every_It_of_its_block()
    {
        var results = RunText("""
            Describe 'setup' {
                BeforeAll { throw 'no setup' }
                It 'a' { $true | Should -BeTrue }
                Context 'inner' { It 'b' { $true | Should -BeTrue } }
            }
            """);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(PesterOutcome.Failed, r.Outcome));
    }

    [Fact]
    public void Setup_runs_in_order_and_variables_flow_into_Its_and_TestDrive_exists()
    {
        var results = RunText("""
            Describe 'order' {
                BeforeAll { $script:log = [System.Collections.Generic.List[string]]::new(); $shared = 'from BeforeAll' }
                BeforeEach { $log.Add('before'); $each = 'from BeforeEach' }
                AfterEach { $log.Add('after') }
                It 'sees setup' {
                    $shared | Should -Be 'from BeforeAll'
                    $each | Should -Be 'from BeforeEach'
                    [System.IO.Directory]::Exists($TestDrive) | Should -BeTrue
                }
                Context 'nested' {
                    BeforeAll { $inner = 'inner' }
                    It 'sees outer and inner' { "$shared/$inner" | Should -Be 'from BeforeAll/inner' }
                }
                It 'ran hooks around each test' { $log -join ',' | Should -Be 'before,after,before,after,before' }
                It 'runs test cases' -TestCases @(@{ N = 2; Square = 4 }, @{ N = 3; Square = 9 }) { $N * $N | Should -Be $Square }
            }
            """);
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == PesterOutcome.Passed, r.ToString()));
    }

    [Theory]
    [InlineData("5 | Should -Be 5", true)]
    [InlineData("5 | Should -Be 6", false)]
    [InlineData("5 | Should -Not -Be 6", true)]
    [InlineData("5 | Should -Not -Be 5", false)]
    [InlineData("'abc' | Should -Be 'ABC'", true)]
    [InlineData("'abc' | Should -BeExactly 'ABC'", false)]
    [InlineData("'abc' | Should -BeExactly 'abc'", true)]
    [InlineData("{ throw 'bad thing' } | Should -Throw", true)]
    [InlineData("{ 1 } | Should -Throw", false)]
    [InlineData("{ throw 'bad thing' } | Should -Throw '*bad*'", true)]
    [InlineData("{ throw 'bad thing' } | Should -Throw -ExpectedMessage '*good*'", false)]
    [InlineData("{ Get-Command nosuchcommand -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'", true)]
    [InlineData("{ Get-Command nosuchcommand -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,*'", true)]
    [InlineData("{ Get-Command nosuchcommand -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException'", false)]
    [InlineData("{ Get-Command nosuchcommand -ErrorAction Stop } | Should -Throw -ErrorId 'SomethingElse,*'", false)]
    [InlineData("{ throw [System.IO.FileNotFoundException]::new('x') } | Should -Throw -ExceptionType ([System.IO.IOException])", true)]
    [InlineData("{ throw [System.ArgumentException]::new('x') } | Should -Throw -ExceptionType ([System.IO.IOException])", false)]
    [InlineData("{ 1 } | Should -Not -Throw", true)]
    [InlineData("@(1, 2, 3) | Should -HaveCount 3", true)]
    [InlineData("@(1, 2) | Should -HaveCount 3", false)]
    [InlineData("@() | Should -HaveCount 0", true)]
    [InlineData("$null | Should -BeNullOrEmpty", true)]
    [InlineData("'' | Should -BeNullOrEmpty", true)]
    [InlineData("'x' | Should -BeNullOrEmpty", false)]
    [InlineData("'x' | Should -Not -BeNullOrEmpty", true)]
    [InlineData("$true | Should -BeTrue", true)]
    [InlineData("$false | Should -BeTrue", false)]
    [InlineData("$false | Should -BeFalse", true)]
    [InlineData("1 | Should -BeFalse", false)]
    [InlineData("@('a', 'b') | Should -Contain 'b'", true)]
    [InlineData("@('a', 'b') | Should -Contain 'c'", false)]
    [InlineData("'SoakPS 0.1' | Should -Match '^SoakPS \\d'", true)]
    [InlineData("'SoakPS' | Should -Match '^\\d'", false)]
    [InlineData("5 | Should -BeGreaterThan 4", true)]
    [InlineData("4 | Should -BeGreaterThan 4", false)]
    [InlineData("3 | Should -BeLessThan 4", true)]
    [InlineData("4 | Should -BeLessThan 4", false)]
    [InlineData("@(1, 2) | Should -Be @(1, 2)", true)]
    [InlineData("@(1, 2) | Should -Be @(2, 1)", false)]
    public void Should_operators_pass_and_fail_as_Pester_does(string expectation, bool passes)
    {
        var results = RunText($"Describe 'op' {{ It 'x' {{ {expectation} }} }}");
        var result = Assert.Single(results);
        Assert.True((result.Outcome == PesterOutcome.Passed) == passes, result.ToString());
    }

    [Fact]
    public void Variables_set_outside_BeforeAll_are_not_visible_to_tests_as_in_Pester_5()
    {
        var results = RunText("""
            $discoveryOnly = 'set at discovery'
            Describe 'scopes' {
                $alsoDiscoveryOnly = 'set in the Describe body'
                It 'does not see them' {
                    $discoveryOnly | Should -BeNullOrEmpty
                    $alsoDiscoveryOnly | Should -BeNullOrEmpty
                }
            }
            """);
        var result = Assert.Single(results);
        Assert.True(result.Outcome == PesterOutcome.Passed, result.ToString());
    }

    [Fact]
    public void A_file_that_does_not_parse_is_a_failure()
    {
        var result = Assert.Single(RunText("Describe 'broken' { It 'x' { 1 | Should -Be 1 "));
        Assert.Equal(PesterOutcome.Failed, result.Outcome);
    }

    public static TheoryData<string> PesterFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(PesterSubsetRunner.PesterFolder, "*.Tests.ps1").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Every_Pester_file_passes_under_the_subset_runner(string file)
    {
        var results = PesterSubsetRunner.Run(Path.Combine(PesterSubsetRunner.PesterFolder, file));
        Assert.True(results.Count(r => r.Outcome != PesterOutcome.Skipped) > 0, $"{file} has no It blocks that ran");
        var failures = results.Where(r => r.Outcome == PesterOutcome.Failed).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private IReadOnlyList<PesterTestResult> RunText(string text)
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".Tests.ps1");
        File.WriteAllText(file, text);
        return PesterSubsetRunner.Run(file);
    }
}
