pragma Singleton
import QtQuick

// Colours, spacing and type for the whole UI. Components read from here instead of using
// literal values, so the light and dark palettes stay consistent.
QtObject {
    id: theme

    enum ColorScheme { FollowSystem, Light, Dark }

    // Bound to the saved setting by Main.qml; the system decides until then.
    property int colorScheme: Theme.FollowSystem

    // Qt 6.4 has no QStyleHints::colorScheme (6.5+). The system palette's window colour is
    // the best signal it offers: desktop platform themes (GTK, KDE, Windows, macOS) switch
    // it with the desktop's dark mode.
    readonly property SystemPalette systemPalette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool systemIsDark: systemPalette.window.hslLightness < 0.5
    readonly property bool dark: colorScheme === Theme.Dark
                                 || (colorScheme === Theme.FollowSystem && systemIsDark)

    // Palette
    readonly property color window: dark ? "#1c1e22" : "#ffffff"
    readonly property color sidebar: dark ? "#16181b" : "#f5f6f8"
    readonly property color surface: dark ? "#25282d" : "#ffffff"
    readonly property color surfaceHover: dark ? "#2e3238" : "#eceef2"
    readonly property color surfacePressed: dark ? "#363a41" : "#e1e4e9"
    readonly property color border: dark ? "#3a3f47" : "#d5d9e0"
    readonly property color borderFocus: accent
    readonly property color separator: dark ? "#2a2d33" : "#e6e8ec"
    readonly property color text: dark ? "#e8eaed" : "#1d2026"
    readonly property color textMuted: dark ? "#9aa1ab" : "#646b76"
    readonly property color textDisabled: dark ? "#60666f" : "#a3a9b2"
    readonly property color placeholder: dark ? "#7b828c" : "#8a909a"
    readonly property color accent: dark ? "#6b9bff" : "#2f6bea"
    readonly property color accentHover: dark ? "#85adff" : "#2459cc"
    readonly property color accentText: "#ffffff"
    readonly property color accentDisabled: dark ? "#2d3a55" : "#c9d7f6"
    readonly property color selection: dark ? "#35507f" : "#cddcfb"
    readonly property color userBubble: dark ? "#2b3445" : "#e9effc"
    readonly property color codeBackground: dark ? "#16181b" : "#f5f6f8"
    readonly property color reasoningBackground: dark ? "#202328" : "#f8f9fb"
    readonly property color danger: dark ? "#ff8a80" : "#c62828"
    readonly property color noticeBackground: dark ? "#3a3220" : "#fff4d6"
    readonly property color snackbar: dark ? "#e8eaed" : "#2b2f36"
    readonly property color snackbarText: dark ? "#1d2026" : "#f2f3f5"
    readonly property color snackbarAction: dark ? "#2f6bea" : "#85adff"

    // Spacing (logical pixels), a 4-point scale
    readonly property int spacingXs: 4
    readonly property int spacingSm: 8
    readonly property int spacingMd: 12
    readonly property int spacingLg: 16
    readonly property int spacingXl: 24
    readonly property int spacingXxl: 32

    readonly property int radiusSm: 6
    readonly property int radiusMd: 10
    readonly property int radiusLg: 14

    readonly property int sidebarWidth: 264
    readonly property int contentMaxWidth: 760
    readonly property int controlHeight: 34

    // Type: sizes follow the system font so the user's font scaling is respected.
    readonly property font bodyFont: Application.font
    readonly property real fontSizeBody: bodyFont.pointSize > 0 ? bodyFont.pointSize : 10
    readonly property real fontSizeSmall: fontSizeBody * 0.88
    readonly property real fontSizeTitle: fontSizeBody * 1.25
    readonly property real fontSizeHeading: fontSizeBody * 1.7
    readonly property string monospaceFamily: "monospace"
}
