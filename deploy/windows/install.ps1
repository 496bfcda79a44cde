<#
.SYNOPSIS
  Installs the Smart Foundations agent on Windows (Intune Win32 app or SCCM application; runs as SYSTEM).
.DESCRIPTION
  Package folder (what you wrap with IntuneWinAppUtil or give SCCM): install.ps1, uninstall.ps1,
  detect.ps1, sf-agent.mjs (from `npm run dist:agent`) and, unless Node.js 20+ is already installed on
  the endpoints, node.exe from the official Node.js Windows zip (node-v20.x-win-x64.zip).
  Copies the agent to %ProgramFiles%\SmartFoundations, writes %ProgramData%\SmartFoundations\agent.yaml
  from the parameters (an existing file is kept when none is given), and registers a scheduled task that
  runs `node sf-agent.mjs run` as SYSTEM at startup. Node has no Windows service wrapper of its own; a
  scheduled task needs no extra binary (WinSW or NSSM would), and a second trigger every 15 minutes with
  "ignore new instance" restarts the agent if it ever exits.
.EXAMPLE
  powershell.exe -ExecutionPolicy Bypass -File install.ps1 -CollectorUrl https://telemetry.trust.nhs.uk:8470 -EnrollSecret sfe_... -LatencyTargets "gateway=gateway,epr.trust.nhs.uk=epr"
#>
[CmdletBinding()]
param(
  [string]$CollectorUrl,
  [string]$EnrollSecret,
  [string]$LatencyTargets,
  # PEM file (in the package or a full path) of the CA behind the collector's certificate, when it is
  # the trust's own PKI: Node does not read the Windows certificate store.
  [string]$CollectorCaFile,
  # e.g. http://proxy.trust.nhs.uk:8080 when endpoints reach the collector only through a proxy.
  [string]$CollectorProxy,
  [string]$TaskName = 'SmartFoundations Agent'
)
$ErrorActionPreference = 'Stop'

$installDir = Join-Path $env:ProgramFiles 'SmartFoundations'
$dataDir = Join-Path $env:ProgramData 'SmartFoundations'
$source = $PSScriptRoot

# Node: the packaged node.exe if present, else an installed Node.js 20+.
$node = Join-Path $installDir 'node.exe'
if (Test-Path (Join-Path $source 'node.exe')) {
  New-Item -ItemType Directory -Force -Path $installDir | Out-Null
} else {
  $cmd = Get-Command node.exe -ErrorAction SilentlyContinue
  $node = if ($cmd) { $cmd.Source } else { Join-Path $env:ProgramFiles 'nodejs\node.exe' }
  if (-not (Test-Path $node)) { throw "Node.js 20+ not found: put node.exe in the package or install Node.js" }
}

# Stop a running agent before replacing its files (upgrade).
if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) { Stop-ScheduledTask -TaskName $TaskName }

New-Item -ItemType Directory -Force -Path $installDir, $dataDir | Out-Null
Copy-Item -Force (Join-Path $source 'sf-agent.mjs') $installDir
if (Test-Path (Join-Path $source 'node.exe')) { Copy-Item -Force (Join-Path $source 'node.exe') $installDir }
$agent = Join-Path $installDir 'sf-agent.mjs'

$caTarget = Join-Path $dataDir 'collector-ca.pem'
if ($CollectorCaFile) {
  $caPath = if ([System.IO.Path]::IsPathRooted($CollectorCaFile)) { $CollectorCaFile } else { Join-Path $source $CollectorCaFile }
  if (-not (Test-Path $caPath)) { throw "CollectorCaFile not found: $caPath" }
  if (-not (Select-String -Path $caPath -Pattern '-----BEGIN CERTIFICATE-----' -SimpleMatch -Quiet)) { throw "CollectorCaFile holds no PEM certificate: $caPath" }
  Copy-Item -Force $caPath $caTarget
}

function Quote([string]$v) { "'" + $v.Replace("'", "''") + "'" }
if ($CollectorUrl -or $EnrollSecret -or $LatencyTargets -or $CollectorCaFile -or $CollectorProxy) {
  $lines = @('# Written by install.ps1')
  if ($CollectorUrl) { $lines += "collector_url: $(Quote $CollectorUrl)" }
  if ($EnrollSecret) { $lines += "enroll_secret: $(Quote $EnrollSecret)" }
  if ($CollectorProxy) { $lines += "collector_proxy: $(Quote $CollectorProxy)" }
  if ($CollectorCaFile) { $lines += "collector_ca_file: $(Quote $caTarget)" }
  if ($LatencyTargets) {
    $lines += 'latency:', '  targets:'
    foreach ($item in ($LatencyTargets -split ',' | Where-Object { $_.Trim() })) {
      $host_, $label = $item.Trim() -split '=', 2
      if ($label) { $lines += "    - { host: $(Quote $host_), label: $(Quote $label) }" } else { $lines += "    - { host: $(Quote $host_) }" }
    }
  }
  $config = Join-Path $dataDir 'agent.yaml'
  Set-Content -Path $config -Value $lines -Encoding UTF8
  # The file holds the enrol secret: SYSTEM and Administrators only.
  icacls $config /inheritance:r /grant:r '*S-1-5-18:F' '*S-1-5-32-544:F' | Out-Null
}

$action = New-ScheduledTaskAction -Execute $node -Argument "`"$agent`" run" -WorkingDirectory $installDir
$triggers = @(
  (New-ScheduledTaskTrigger -AtStartup),
  (New-ScheduledTaskTrigger -Once -At (Get-Date) -RepetitionInterval (New-TimeSpan -Minutes 15))
)
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew `
  -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable `
  -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1)
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $triggers -Principal $principal -Settings $settings `
  -Description 'Smart Foundations telemetry agent' -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName

# detect.ps1 compares this with the version it expects.
& $node $agent version | Set-Content -Path (Join-Path $installDir 'version.txt') -Encoding ASCII
Write-Output "sf-agent installed; check with: & '$node' '$agent' doctor"
exit 0
