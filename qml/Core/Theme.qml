pragma Singleton
import QtQuick

// The look in one place: colours, spacing, type sizes and radii, and the few colour choices that
// depend on data (a chat's or an agent's status, a client's avatar). Pages use these, not literals.
QtObject {
    // Surfaces
    readonly property color window: "#f0f2f5"
    readonly property color surface: "#ffffff"
    readonly property color conversationBackground: "#efeae2"
    readonly property color divider: "#e2e5e8"
    readonly property color header: "#075e54"
    readonly property color headerText: "#ffffff"
    readonly property color headerTextMuted: "#cfe9e4"
    readonly property color rowHover: "#f5f6f6"
    readonly property color rowSelected: "#e1f3ef"

    // Text
    readonly property color text: "#111b21"
    readonly property color textMuted: "#667781"
    readonly property color textOnAccent: "#ffffff"

    // Accents and states
    readonly property color accent: "#00a884"
    readonly property color unread: "#25d366"
    readonly property color danger: "#b3261e"
    readonly property color dangerSurface: "#fde7e9"
    readonly property color warning: "#f2a600"
    readonly property color warningSurface: "#fff4ce"
    readonly property color warningText: "#5c4300"

    // Messages
    readonly property color bubbleInbound: "#ffffff"
    readonly property color bubbleOutbound: "#d9fdd3"
    readonly property color bubbleFailed: "#fde7e9"
    readonly property color bubbleBorder: "#d7dbdf"
    readonly property color senderName: "#075e54"
    readonly property color tick: "#8696a0"
    readonly property color tickRead: "#34b7f1"
    readonly property color daySeparator: "#e1f2fb"

    // Spacing, radii, type
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int radiusS: 4
    readonly property int radiusM: 8
    readonly property int radiusL: 12
    readonly property int fontSmall: 11
    readonly property int fontCaption: 12
    readonly property int fontBody: 14
    readonly property int fontTitle: 16
    readonly property int fontHeading: 20
    readonly property int fontDisplay: 28
    readonly property int avatarSize: 40
    readonly property int headerHeight: 48

    function agentStatusColor(status: string): color {
        switch (status) {
        case "available": return "#25d366"
        case "busy": return "#e53935"
        case "paused": return "#f2a600"
        }
        return "#9e9e9e"
    }

    function chatStatusColor(status: string): color {
        switch (status) {
        case "new": return "#00897b"
        case "bot": return "#5e35b1"
        case "queued": return "#ef6c00"
        case "assigned": return "#1e88e5"
        case "active": return "#2e7d32"
        case "pending": return "#8e24aa"
        }
        return "#757575"   // closed
    }

    function priorityColor(priority: string): color {
        return priority === "urgent" ? danger : priority === "high" ? "#ef6c00" : textMuted
    }

    // Up to two letters: first and last word's initials; a phone number gives its last two digits.
    function initials(name: string): string {
        const words = name.trim().split(/\s+/).filter(w => w.length > 0)
        if (words.length === 0)
            return "?"
        if (/^\+?[0-9 ]+$/.test(name.trim()))
            return name.replace(/[^0-9]/g, "").slice(-2)
        const first = words[0].charAt(0)
        return (words.length > 1 ? first + words[words.length - 1].charAt(0) : first).toUpperCase()
    }

    readonly property var avatarColors: ["#00897b", "#1e88e5", "#8e24aa", "#e53935", "#f4511e", "#6d4c41",
                                         "#3949ab", "#43a047", "#00acc1", "#d81b60"]
    // The same client always gets the same colour.
    function avatarColor(name: string): color {
        let h = 0
        for (let i = 0; i < name.length; ++i)
            h = (h * 31 + name.charCodeAt(i)) % 1000003
        return avatarColors[h % avatarColors.length]
    }

    // A time in a list: the hour today, "Yesterday", else the date.
    function shortTime(when: date): string {
        if (isNaN(when.getTime()))
            return ""
        const now = new Date()
        const days = dayNumber(now) - dayNumber(when)
        if (days === 0)
            return Qt.formatTime(when, "hh:mm")
        if (days === 1)
            return qsTr("Yesterday")
        return Qt.formatDate(when, "dd/MM/yy")
    }

    // A day separator's text for yyyy-MM-dd: "Today", "Yesterday", else the long date in the language.
    function dayLabel(day: string, language: string): string {
        const parts = day.split("-")
        if (parts.length !== 3)
            return ""
        const when = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]))
        const days = dayNumber(new Date()) - dayNumber(when)
        if (days === 0)
            return qsTr("Today")
        if (days === 1)
            return qsTr("Yesterday")
        return when.toLocaleDateString(Qt.locale(language), days < 7 ? "dddd" : "d MMMM yyyy")
    }

    function dayNumber(when: date): int {
        return Math.floor(new Date(when.getFullYear(), when.getMonth(), when.getDate(), 12).getTime() / 86400000)
    }
}
