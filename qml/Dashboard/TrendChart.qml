import QtQuick
import QtCharts
import Conversa.Core

// One hourly trend of today (GET /v1/analytics/trends), optionally against another day's (dashed),
// redrawn when the controller's series change.
ChartView {
    id: root

    required property var today       // [{hour, value, sample}]
    property var other: []            // the same shape, e.g. the same day last week; [] for none
    property string todayName: qsTr("Today")
    property string otherName
    property string valueFormat: "%.1f"

    function fill(series, points) {
        series.clear()
        for (const p of points)
            series.append(p.hour, p.value)
    }
    function redraw() {
        fill(todaySeries, root.today)
        fill(otherSeries, root.other)
        let top = 1
        for (const p of root.today.concat(root.other))
            top = Math.max(top, p.value)
        yAxis.max = Math.ceil(top * 1.1)
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    legend.visible: root.other.length > 0
    backgroundColor: Theme.surface
    onTodayChanged: redraw()
    onOtherChanged: redraw()
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
        labelFormat: root.valueFormat
    }
    LineSeries {
        id: otherSeries
        name: root.otherName
        axisX: xAxis
        axisY: yAxis
        color: Theme.textMuted
        style: Qt.DashLine
    }
    LineSeries {
        id: todaySeries
        name: root.todayName
        axisX: xAxis
        axisY: yAxis
        color: Theme.accent
        width: 2
    }
}
