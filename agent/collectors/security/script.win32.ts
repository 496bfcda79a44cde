/**
 * One PowerShell script gathers every Windows security fact and prints one JSON document:
 * one process start instead of six (each costs ~0.5 s and a Defender scan of powershell.exe).
 *
 * Every probe runs inside Invoke-Probe, so one failing cmdlet (not elevated, BitLocker feature
 * absent, no Security Center on Windows Server) becomes `{ ok: false, error, errorType }` in its
 * own section and never stops the others. Enums and dates are converted to strings here, because
 * Windows PowerShell 5.1 serialises enums as numbers and dates as "\/Date(ms)\/".
 */
export const WINDOWS_SECURITY_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
function Invoke-Probe([scriptblock]$Probe) {
  try { @{ ok = $true; value = (& $Probe) } }
  catch { @{ ok = $false; error = [string]$_.Exception.Message; errorType = $_.Exception.GetType().FullName } }
}
function ConvertTo-IsoDate($Value) {
  if ($Value -is [datetime]) { $Value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ') } else { $null }
}
$drive = $env:SystemDrive
$report = [ordered]@{ schema = 1 }

# Needs elevation; the agent runs as LocalSystem.
$report.bitlocker = Invoke-Probe {
  $v = Get-BitLockerVolume -MountPoint $drive
  [ordered]@{ volumeStatus = [string]$v.VolumeStatus; protectionStatus = [string]$v.ProtectionStatus;
    encryptionMethod = [string]$v.EncryptionMethod; encryptionPercentage = $v.EncryptionPercentage }
}
if (-not $report.bitlocker.ok) {
  # Editions and servers without the BitLocker module still have manage-bde (its text is localised).
  $report.manageBde = Invoke-Probe {
    $text = (& manage-bde.exe -status $drive | Out-String)
    [ordered]@{ text = $text; exitCode = $LASTEXITCODE }
  }
}

# ActiveStore is the effective policy (local settings merged with Group Policy); the default store is local only.
$report.firewall = Invoke-Probe {
  Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object { [ordered]@{ name = [string]$_.Name; enabled = [string]$_.Enabled } }
}

$report.defender = Invoke-Probe {
  $s = Get-MpComputerStatus
  [ordered]@{ amRunningMode = [string]$s.AMRunningMode; amServiceEnabled = $s.AMServiceEnabled; antivirusEnabled = $s.AntivirusEnabled;
    realTimeProtectionEnabled = $s.RealTimeProtectionEnabled; signatureLastUpdated = (ConvertTo-IsoDate $s.AntivirusSignatureLastUpdated);
    signatureVersion = [string]$s.AntivirusSignatureVersion; productVersion = [string]$s.AMProductVersion }
}

# Windows Security Center: client editions only; Windows Server has no root/SecurityCenter2 namespace.
$report.securityCenter = Invoke-Probe {
  Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct |
    ForEach-Object { [ordered]@{ displayName = [string]$_.displayName; productState = [int64]$_.productState; productExe = [string]$_.pathToSignedProductExe } }
}

# Throws PlatformNotSupportedException on legacy BIOS, UnauthorizedAccessException when not elevated.
$report.secureBoot = Invoke-Probe { [bool](Confirm-SecureBootUEFI) }
if (-not $report.secureBoot.ok) {
  $report.secureBootRegistry = Invoke-Probe {
    (Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\SecureBoot\State' -Name UEFISecureBootEnabled).UEFISecureBootEnabled
  }
}

$report.tpm = Invoke-Probe { $t = Get-Tpm; [ordered]@{ present = $t.TpmPresent; ready = $t.TpmReady } }
$report.tpmVersion = Invoke-Probe {
  $w = Get-CimInstance -Namespace root/cimv2/Security/MicrosoftTpm -ClassName Win32_Tpm
  if ($w) { [string]$w.SpecVersion } else { $null }
}

$report | ConvertTo-Json -Depth 6 -Compress
`;
