# Every It here must fail: proves the subset runner reports failed expectations.
Describe 'negative control' {
    It 'Be' { 1 | Should -Be 2 }
    It 'BeExactly' { 'a' | Should -BeExactly 'A' }
    It 'HaveCount' { @(1, 2) | Should -HaveCount 3 }
    It 'BeNullOrEmpty' { 'x' | Should -BeNullOrEmpty }
    It 'BeTrue' { $false | Should -BeTrue }
    It 'BeFalse' { $true | Should -BeFalse }
    It 'Contain' { @('a') | Should -Contain 'b' }
    It 'Match' { 'abc' | Should -Match '^x' }
    It 'Throw' { { 1 } | Should -Throw }
    It 'Throw ErrorId' { { throw 'x' } | Should -Throw -ErrorId 'ProfileNotFound' }
    It 'Be array' { @('a', 'b') | Should -Be @('a', 'c') }
    It 'ForEach <N>' -ForEach @(@{ N = 1 }, @{ N = 2 }) { $N | Should -Be 0 }
}
