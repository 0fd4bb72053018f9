import QtQuick
import QtTest
import Conversa.Core

// The theme's data-dependent choices: avatar initials and colours, day separator labels.
TestCase {
    name: "Theme"

    function iso(d) {
        return Qt.formatDate(d, "yyyy-MM-dd")
    }

    function test_initials_data() {
        return [
            { tag: "two words", name: "Marta Gil", initials: "MG" },
            { tag: "three words", name: "ana maría ruiz", initials: "AR" },
            { tag: "one word", name: "Pedro", initials: "P" },
            { tag: "phone", name: "+57 315 999 0101", initials: "01" },
            { tag: "empty", name: "  ", initials: "?" }
        ]
    }
    function test_initials(data) {
        compare(Theme.initials(data.name), data.initials)
    }

    function test_avatarColourIsStable() {
        verify(Qt.colorEqual(Theme.avatarColor("Marta Gil"), Theme.avatarColor("Marta Gil")))
        verify(Theme.avatarColors.indexOf(Theme.avatarColor("Pedro Ríos").toString()) >= 0)
    }

    function test_dayLabels() {
        const now = new Date()
        compare(Theme.dayLabel(iso(now), "en"), "Today")
        compare(Theme.dayLabel(iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)), "en"), "Yesterday")
        compare(Theme.dayLabel("2024-03-05", "en"), "5 March 2024")
        compare(Theme.dayLabel("2024-03-05", "es"), "5 marzo 2024")
        compare(Theme.dayLabel("", "en"), "")
    }
}
