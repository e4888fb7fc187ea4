import QtQuick
import QtTest
import Ponder

// The Theme singleton switches palettes with its colour scheme.
TestCase {
    name: "Theme"

    function cleanup() {
        Theme.colorScheme = Theme.FollowSystem
    }

    function test_darkScheme() {
        Theme.colorScheme = Theme.Dark
        verify(Theme.dark)
        verify(Theme.window.hslLightness < 0.5)
        verify(Theme.text.hslLightness > 0.5, "text must contrast with the window")
    }

    function test_lightScheme() {
        Theme.colorScheme = Theme.Light
        verify(!Theme.dark)
        verify(Theme.window.hslLightness > 0.5)
        verify(Theme.text.hslLightness < 0.5)
    }

    function test_followSystem() {
        Theme.colorScheme = Theme.FollowSystem
        compare(Theme.dark, Theme.systemIsDark)
    }
}
