import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.Core
import Conversa.Admin

// The audit log: the rows, newest first, with the server's filters (user, action, entity type and
// id, outcome, dates) and pages; the chosen row's details with its changes as field: from → to; and
// the CSV export of what the filters match, with the bytes received, for who may export.
SplitView {
    id: root

    required property AppContext app
    readonly property AuditLogController controller: ctl

    objectName: "auditPage"

    AuditLogController {
        id: ctl
        app: root.app
    }

    function userName(user: var): string {
        return user ? ((user.first_name || "") + " " + (user.last_name || "")).trim() : qsTr("(no user)")
    }
    function when(iso: string): string {
        return iso ? new Date(iso).toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
    }
    function applyFilters() {
        ctl.model.filters = {
            user_id: userFilter.currentValue > 0 ? String(userFilter.currentValue) : "",
            action: actionFilter.text.trim(),
            entity_type: entityTypeFilter.text.trim(),
            entity_id: entityIdFilter.text.trim(),
            success: successFilter.currentValue,
            from_date: fromFilter.text.trim(),
            to_date: toFilter.text.trim()
        }
    }
    function sizeText(bytes: real): string {
        return bytes >= 1048576 ? qsTr("%1 MB").arg((bytes / 1048576).toFixed(1))
             : bytes >= 1024 ? qsTr("%1 KB").arg((bytes / 1024).toFixed(1)) : qsTr("%1 bytes").arg(bytes)
    }

    ResourceList {
        id: list
        objectName: "auditList"
        SplitView.preferredWidth: 520
        SplitView.minimumWidth: 380
        model: ctl.model
        searchable: false
        onActivated: id => ctl.show(ctl.model.rowOf(id))

        filters: [
            GridLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                columns: 3
                columnSpacing: Theme.spacingS
                rowSpacing: Theme.spacingXs
                ComboBox {
                    id: userFilter
                    objectName: "auditUserFilter"
                    Layout.fillWidth: true
                    visible: ctl.users.length > 0
                    textRole: "name"
                    valueRole: "id"
                    model: [{ id: 0, name: qsTr("Any user") }].concat(ctl.users)
                    onActivated: root.applyFilters()
                }
                TextField {
                    id: actionFilter
                    objectName: "auditActionFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Action, e.g. chat.transfer")
                    selectByMouse: true
                    onEditingFinished: root.applyFilters()
                }
                ComboBox {
                    id: successFilter
                    objectName: "auditSuccessFilter"
                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "", text: qsTr("Any outcome") }, { value: "true", text: qsTr("Succeeded") },
                            { value: "false", text: qsTr("Refused") }]
                    onActivated: root.applyFilters()
                }
                TextField {
                    id: entityTypeFilter
                    objectName: "auditEntityTypeFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Entity type, e.g. Chat")
                    selectByMouse: true
                    onEditingFinished: root.applyFilters()
                }
                TextField {
                    id: entityIdFilter
                    objectName: "auditEntityIdFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Entity id")
                    selectByMouse: true
                    validator: IntValidator { bottom: 1 }
                    onEditingFinished: root.applyFilters()
                }
                Item { Layout.fillWidth: true }
                TextField {
                    id: fromFilter
                    objectName: "auditFromFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("From (YYYY-MM-DD)")
                    selectByMouse: true
                    onEditingFinished: root.applyFilters()
                }
                TextField {
                    id: toFilter
                    objectName: "auditToFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("To (YYYY-MM-DD)")
                    selectByMouse: true
                    onEditingFinished: root.applyFilters()
                }
                Button {
                    objectName: "exportAuditButton"
                    Layout.fillWidth: true
                    visible: ctl.canExport
                    text: qsTr("Export CSV…")
                    enabled: !ctl.download.active
                    onClicked: exportDialog.open()
                }
            }
        ]

        rowDelegate: ItemDelegate {
            id: row
            required property int index
            required property real itemId
            required property var item
            objectName: "auditRow_" + itemId
            width: ListView.view.width
            highlighted: ListView.isCurrentItem || ctl.itemId === itemId
            background: Rectangle {
                color: row.highlighted ? Theme.rowSelected : row.hovered ? Theme.rowHover : "transparent"
            }
            onClicked: {
                ListView.view.currentIndex = index
                ctl.show(index)
            }
            contentItem: RowLayout {
                spacing: Theme.spacingS
                Rectangle {
                    implicitWidth: 8
                    implicitHeight: 8
                    radius: 4
                    color: row.item.success ? Theme.accent : Theme.danger
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: row.item.action + (row.item.entity_type ? "  ·  " + row.item.entity_type
                              + (row.item.entity_id ? " #" + row.item.entity_id : "") : "")
                        elide: Text.ElideRight
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.userName(row.item.user) + (row.item.ip_address ? " · " + row.item.ip_address : "")
                        elide: Text.ElideRight
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
                Label {
                    text: root.when(row.item.created_at)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }

    Pane {
        objectName: "auditDetail"
        SplitView.fillWidth: true
        background: Rectangle { color: Theme.window }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacingS

            Label {
                objectName: "auditMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                text: ctl.errorMessage.length > 0 ? ctl.errorMessage : ctl.notice
                color: ctl.errorMessage.length > 0 ? Theme.danger : Theme.textMuted
                wrapMode: Text.Wrap
            }
            // The export under way: bytes received, and the bar when the size is known.
            ColumnLayout {
                Layout.fillWidth: true
                visible: ctl.download.active
                ProgressBar {
                    objectName: "auditExportProgress"
                    Layout.fillWidth: true
                    indeterminate: ctl.download.progress < 0
                    value: Math.max(0, ctl.download.progress)
                }
                Label {
                    objectName: "auditExportBytes"
                    text: qsTr("%1 received").arg(root.sizeText(ctl.download.bytesReceived))
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: ctl.itemId === 0
                text: qsTr("Choose a row to see what it changed")
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            ColumnLayout {
                objectName: "auditEntry"
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: ctl.itemId !== 0
                spacing: Theme.spacingS

                Label {
                    objectName: "auditEntryTitle"
                    Layout.fillWidth: true
                    text: (ctl.item.action || "") + (ctl.item.success === false ? "  ·  " + qsTr("refused") : "")
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    Label { text: qsTr("When"); color: Theme.textMuted }
                    Label { text: root.when(ctl.item.created_at || ""); Layout.fillWidth: true }
                    Label { text: qsTr("User"); color: Theme.textMuted }
                    Label { text: root.userName(ctl.item.user); Layout.fillWidth: true }
                    Label { text: qsTr("Entity"); color: Theme.textMuted }
                    Label {
                        Layout.fillWidth: true
                        text: ctl.item.entity_type ? ctl.item.entity_type + (ctl.item.entity_id ? " #" + ctl.item.entity_id : "") : "—"
                    }
                    Label { text: qsTr("From"); color: Theme.textMuted }
                    Label {
                        Layout.fillWidth: true
                        text: [ctl.item.ip_address || "", ctl.item.user_agent || ""].filter(s => s.length > 0).join(" · ") || "—"
                        elide: Text.ElideRight
                    }
                }
                Label {
                    text: qsTr("Changes")
                    font.bold: true
                }
                Label {
                    visible: ctl.changes.length === 0
                    text: qsTr("Nothing was recorded")
                    color: Theme.textMuted
                }
                ListView {
                    objectName: "auditChanges"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: ctl.changes
                    spacing: Theme.spacingXs
                    ScrollBar.vertical: ScrollBar {}
                    delegate: RowLayout {
                        id: change
                        required property var modelData
                        objectName: "auditChange_" + modelData.field
                        width: ListView.view.width
                        spacing: Theme.spacingS
                        Label {
                            Layout.preferredWidth: 160
                            text: change.modelData.field + ":"
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            objectName: "auditChangeText"
                            Layout.fillWidth: true
                            text: change.modelData.pair ? change.modelData.from + "  →  " + change.modelData.to
                                                        : change.modelData.to
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
        }
    }

    FileDialog {
        id: exportDialog
        objectName: "exportAuditDialog"
        title: qsTr("Export the audit log")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: ctl.exportTo(selectedFile)
    }
}
