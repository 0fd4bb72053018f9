pragma Singleton
import QtQuick

// How the dashboard writes its durations: "45 s", "12:05" (minutes and seconds), "2:03:10".
QtObject {
    function duration(seconds: real): string {
        const s = Math.max(0, Math.round(seconds))
        if (s < 60)
            return qsTr("%1 s").arg(s)
        const h = Math.floor(s / 3600)
        const m = Math.floor(s % 3600 / 60)
        const ss = String(s % 60).padStart(2, "0")
        return h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + ss : m + ":" + ss
    }
}
