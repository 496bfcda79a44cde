<#
.SYNOPSIS
  Intune / SCCM detection script: "installed" (output and exit 0) when the scheduled task exists and
  version.txt holds the expected version. Set $Expected to the version you are deploying.
#>
$Expected = '0.1.0'
$versionFile = Join-Path $env:ProgramFiles 'SmartFoundations\version.txt'
$task = Get-ScheduledTask -TaskName 'SmartFoundations Agent' -ErrorAction SilentlyContinue
if ($task -and (Test-Path $versionFile) -and ((Get-Content $versionFile -Raw).Trim() -eq $Expected)) {
  Write-Output "sf-agent $Expected installed"
}
exit 0
