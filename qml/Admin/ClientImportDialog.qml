import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.Core
import Conversa.Admin

// Importing clients from a CSV file, step by step (ClientImport): choose the file, see its first
// rows and map each column to a field, check it (the server's dry run: counts and refused rows,
// which can be saved as CSV), then import with a progress bar.
Dialog {
    id: root

    required property AppContext app
    readonly property ClientImport controller: importer

    signal imported()

    objectName: "clientImportDialog"
    title: qsTr("Import clients")
    modal: true
    width: Math.min(parent ? parent.width - 40 : 900, 900)
    height: Math.min(parent ? parent.height - 40 : 640, 640)
    anchors.centerIn: parent
    onOpened: if (importer.stage === ClientImport.Done) importer.reset()

    ClientImport {
        id: importer
        app: root.app
        onImported: root.imported()
    }

    function fieldText(field: string): string {
        switch (field) {
        case "": return qsTr("(leave out)")
        case "custom": return qsTr("Custom field")
        case "phone_number": return qsTr("Phone number")
        case "first_name": return qsTr("First name")
        case "last_name": return qsTr("Last name")
        case "email": return qsTr("Email")
        case "company": return qsTr("Company")
        case "city": return qsTr("City")
        case "country": return qsTr("Country")
        case "address": return qsTr("Address")
        case "lead_status": return qsTr("Lead status")
        case "segment": return qsTr("Segment")
        case "notes": return qsTr("Notes")
        case "tags": return qsTr("Tags")
        case "custom_fields": return qsTr("Custom fields (JSON)")
        }
        return field
    }
    readonly property var fieldChoices: ["", "custom"].concat(importer.fields).map(f => ({ value: f, text: root.fieldText(f) }))
    readonly property bool working: importer.stage === ClientImport.Checking || importer.stage === ClientImport.Importing

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        RowLayout {
            Button {
                objectName: "chooseImportFileButton"
                text: qsTr("Choose a CSV file…")
                enabled: !root.working
                onClicked: openDialog.open()
            }
            Label {
                objectName: "importFileLabel"
                Layout.fillWidth: true
                text: importer.stage === ClientImport.Empty ? qsTr("No file chosen")
                      : qsTr("%1 · %2 rows").arg(importer.fileName).arg(importer.recordCount)
                elide: Text.ElideMiddle
                color: Theme.textMuted
            }
        }
        Label {
            objectName: "importMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: importer.errorMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }

        // The first rows, each column with the field it goes to.
        ScrollView {
            objectName: "importPreview"
            Layout.fillWidth: true
            Layout.preferredHeight: 200
            visible: importer.stage !== ClientImport.Empty
            clip: true
            contentWidth: previewGrid.implicitWidth
            GridLayout {
                id: previewGrid
                columns: Math.max(1, importer.headers.length)
                columnSpacing: Theme.spacingS
                rowSpacing: 2
                Repeater {
                    model: importer.headers
                    Label {
                        required property string modelData
                        Layout.preferredWidth: 150
                        text: modelData
                        font.bold: true
                        elide: Text.ElideRight
                    }
                }
                Repeater {
                    model: importer.headers.length
                    ComboBox {
                        id: mapBox
                        required property int index
                        objectName: "importMapping_" + index
                        Layout.preferredWidth: 150
                        enabled: !root.working
                        textRole: "text"
                        valueRole: "value"
                        model: root.fieldChoices
                        currentIndex: indexOfValue(importer.mapping[mapBox.index] === undefined ? "" : importer.mapping[mapBox.index])
                        onActivated: () => importer.setColumnField(mapBox.index, mapBox.currentValue)
                    }
                }
                Repeater {
                    // Row by row, cell by cell.
                    model: importer.previewRows.length * importer.headers.length
                    Label {
                        required property int index
                        readonly property var cells: importer.previewRows[Math.floor(index / importer.headers.length)]
                        Layout.preferredWidth: 150
                        text: cells[index % importer.headers.length] || ""
                        elide: Text.ElideRight
                        color: importer.mapping[index % importer.headers.length] ? Theme.text : Theme.textMuted
                    }
                }
            }
        }

        // What the dry run or the import found.
        Label {
            objectName: "importSummary"
            Layout.fillWidth: true
            visible: importer.stage === ClientImport.Checked || importer.stage === ClientImport.Done
            text: (importer.summary.dry_run ? qsTr("Check: %1 new, %2 updated, %3 unchanged, %4 with errors")
                                            : qsTr("Imported: %1 new, %2 updated, %3 unchanged, %4 with errors"))
                  .arg(importer.summary.imported || 0).arg(importer.summary.updated || 0)
                  .arg(importer.summary.skipped || 0).arg(importer.rowErrors.length)
            font.bold: true
            wrapMode: Text.Wrap
        }
        ListView {
            objectName: "importErrors"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: importer.rowErrors
            ScrollBar.vertical: ScrollBar {}
            delegate: Label {
                required property var modelData
                width: ListView.view.width
                text: qsTr("Row %1 · %2: %3").arg(modelData.row).arg(modelData.field).arg(modelData.error)
                color: Theme.danger
                wrapMode: Text.Wrap
            }
        }
        Item {
            Layout.fillHeight: true
            visible: importer.rowErrors.length === 0
        }
        ProgressBar {
            objectName: "importProgress"
            Layout.fillWidth: true
            visible: root.working
            value: importer.progress
            // The file is sent; the server is still at it.
            indeterminate: importer.progress >= 1
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "saveImportErrorsButton"
            visible: importer.rowErrors.length > 0
            text: qsTr("Save errors…")
            onClicked: errorsDialog.open()
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
        }
        Button {
            objectName: "checkImportButton"
            text: qsTr("Check")
            enabled: importer.stage === ClientImport.Loaded
            onClicked: importer.check()
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
        }
        Button {
            objectName: "runImportButton"
            text: qsTr("Import")
            highlighted: true
            // After a check of this very mapping.
            enabled: importer.stage === ClientImport.Checked
            onClicked: importer.run()
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
        }
        Button {
            objectName: "closeImportButton"
            text: qsTr("Close")
            enabled: !root.working
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Import clients")
        nameFilters: [qsTr("CSV files (*.csv)"), qsTr("All files (*)")]
        onAccepted: importer.load(selectedFile)
    }
    FileDialog {
        id: errorsDialog
        title: qsTr("Save the refused rows")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: importer.saveErrors(selectedFile)
    }
}
