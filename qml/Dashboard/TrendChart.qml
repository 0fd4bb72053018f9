import QtQuick
import QtCharts
import Conversa.Core

// Chats per hour today against the same day last week (GET /v1/analytics/trends), redrawn when
// the controller's series change.
ChartView {
    id: root

    required property var today       // [{hour, value, sample}]
    required property var lastWeek

    function fill(series: var, points: var) {
        series.clear()
        for (const p of points)
            series.append(p.hour, p.value)
    }
    function redraw() {
        fill(todaySeries, root.today)
        fill(lastWeekSeries, root.lastWeek)
        let top = 1
        for (const p of root.today.concat(root.lastWeek))
            top = Math.max(top, p.value)
        yAxis.max = Math.ceil(top * 1.1)
    }

    objectName: "trendChart"
    title: qsTr("Chats per hour")
    antialiasing: true
    legend.alignment: Qt.AlignBottom
    backgroundColor: Theme.surface
    onTodayChanged: redraw()
    onLastWeekChanged: redraw()
    Component.onCompleted: redraw()

    ValueAxis {
        id: xAxis
        min: 0
        max: 23
        tickCount: 7
        labelFormat: "%d"
    }
    ValueAxis {
        id: yAxis
        min: 0
        max: 1
        labelFormat: "%.1f"
    }
    LineSeries {
        id: lastWeekSeries
        name: qsTr("Same day last week")
        axisX: xAxis
        axisY: yAxis
        color: Theme.textMuted
        style: Qt.DashLine
    }
    LineSeries {
        id: todaySeries
        name: qsTr("Today")
        axisX: xAxis
        axisY: yAxis
        color: Theme.accent
        width: 2
    }
}
