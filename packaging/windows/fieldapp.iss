; Inno Setup 6 script for FieldApp on Windows: installs the frozen folder that
; packaging/fieldapp.spec built (dist\fieldapp), for the user or for all users, with a Start
; menu entry, an optional desktop icon and an uninstaller. packaging/README.md says how to build
; and sign it; from the repository root:  iscc packaging\windows\fieldapp.iss
; The version comes from fieldapp.exe's version resource, so the installer cannot disagree with
; the app it carries.

#define AppName "FieldApp"
#define Dist AddBackslash(SourcePath) + "..\..\dist\fieldapp"
#define AppVersion GetVersionNumbersString(Dist + "\fieldapp.exe")

[Setup]
; Never change AppId: Windows finds the installed app (upgrades, uninstall) by it.
AppId={{6EB531CB-5236-4BD1-B790-3B991211D2FC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Technicians install without an administrator; IT can still install for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Dist}\_internal\fieldapp.ico
UninstallDisplayIcon={app}\fieldapp.exe
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
; An upgrade closes a running FieldApp first (its files are in use otherwise).
CloseApplications=yes
OutputDir={#Dist}\..
OutputBaseFilename=FieldApp-{#AppVersion}-setup
#ifdef SignTool
; iscc "/Sfieldapp=signtool sign ... $f" /DSignTool=fieldapp signs the installer and uninstaller.
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade leaves none of the previous version's libraries behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\fieldapp.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\fieldapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\fieldapp.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
