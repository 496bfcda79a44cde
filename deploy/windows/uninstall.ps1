<#
.SYNOPSIS
  Removes the Smart Foundations agent. Keeps %ProgramData%\SmartFoundations (config, identity, spool)
  unless -Purge is given.
#>
[CmdletBinding()]
param([switch]$Purge, [string]$TaskName = 'SmartFoundations Agent')
$ErrorActionPreference = 'Stop'
if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
  Stop-ScheduledTask -TaskName $TaskName
  Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
}
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $env:ProgramFiles 'SmartFoundations')
if ($Purge) { Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $env:ProgramData 'SmartFoundations') }
Write-Output 'sf-agent removed'
exit 0
