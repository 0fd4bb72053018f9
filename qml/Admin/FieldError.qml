import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// The server's message for one field of a form, under its input; nothing when none. `fields`
// names more fields shown here too; with `nested`, "field.x" and "field[0]…" count as the field
// (a day's start and end).
Label {
    id: root

    required property FormErrors errors
    property string field
    property var fields: []
    property bool nested: false

    text: {
        const all = root.errors.fields   // read here so that every change of the errors updates it
        const names = [root.field].concat(root.fields)
        for (const key in all) {
            for (const name of names) {
                if (key === name || (root.nested && (key.startsWith(name + ".") || key.startsWith(name + "["))))
                    return all[key]
            }
        }
        return ""
    }
    // Kept visible (a layout skips hidden items, which would shift a grid's cells), with no height when empty.
    Layout.preferredHeight: text.length > 0 ? implicitHeight : 0
    color: Theme.danger
    font.pixelSize: Theme.fontCaption
    wrapMode: Text.Wrap
}
