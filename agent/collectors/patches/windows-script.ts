/**
 * One PowerShell run answers everything (process starts are slow on Windows), printing one
 * JSON document that `windows-report.ts` validates. Each section has its own try/catch so
 * one failing source (e.g. the WUA service disabled by policy) still leaves the others.
 *
 * - Pending: the Windows Update Agent searched with Online = $false, i.e. against the result
 *   of the client's own last scan (daily by default, WSUS or Microsoft Update): no network
 *   traffic from the agent, and no minutes-long online scan on slow links.
 * - Last boot: an update installed since then while a restart is pending is what waits for it.
 * - Dates leave PowerShell as ISO 8601 UTC strings formatted with the invariant culture,
 *   except the hotfix date, which is also sent raw: Win32_QuickFixEngineering.InstalledOn is
 *   a string the servicing stack wrote in whatever format it liked ("11/20/2024", "20.11.2024",
 *   a hex FILETIME on old systems), and Get-HotFix misreads the non-US ones.
 */
export const WINDOWS_PATCHES_SCRIPT = String.raw`
# Errors must be terminating, or the try/catch blocks below would never see them.
$ErrorActionPreference = 'Stop'
function Iso($d) {
  if ($d -is [datetime] -and $d.Year -gt 1980) { return $d.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture) }
  return $null
}
$out = [ordered]@{ schema = 1 }
try {
  $session = New-Object -ComObject Microsoft.Update.Session
  $searcher = $session.CreateUpdateSearcher()
  $searcher.Online = $false
  $found = $searcher.Search('IsInstalled=0 and IsHidden=0')
  $out.updates = @(foreach ($u in $found.Updates) {
    [ordered]@{
      title = [string]$u.Title
      kb = @($u.KBArticleIDs | ForEach-Object { [string]$_ })
      severity = [string]$u.MsrcSeverity
      categories = @($u.Categories | ForEach-Object { [ordered]@{ id = [string]$_.CategoryID; name = [string]$_.Name } })
      released = Iso $u.LastDeploymentChangeTime
    }
  })
  try {
    $count = $searcher.GetTotalHistoryCount()
    $out.history = @(foreach ($e in $searcher.QueryHistory(0, [Math]::Min($count, 100))) {
      if ($e.Operation -eq 1 -and $e.ResultCode -eq 2) { [ordered]@{ title = [string]$e.Title; date = Iso $e.Date } }
    })
  } catch { $out.historyError = $_.Exception.Message }
} catch { $out.updatesError = $_.Exception.Message }
try { $out.lastScan = Iso (New-Object -ComObject Microsoft.Update.AutoUpdate).Results.LastSearchSuccessDate } catch { }
try { $out.lastBoot = Iso (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime } catch { }
try { $out.rebootRequired = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired } catch { $out.rebootError = $_.Exception.Message }
$out.rebootFlags = @(@(
  'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired',
  'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'
) | Where-Object { Test-Path $_ })
try {
  $out.hotfixes = @(Get-HotFix | ForEach-Object {
    $raw = $null
    try { $raw = [string]$_.psbase.Properties['InstalledOn'].Value } catch { }
    $parsed = $null
    try { $parsed = Iso $_.InstalledOn } catch { }
    [ordered]@{ id = [string]$_.HotFixID; installedOnRaw = $raw; installedOn = $parsed }
  })
} catch { $out.hotfixError = $_.Exception.Message }
$out | ConvertTo-Json -Depth 6 -Compress
`;
