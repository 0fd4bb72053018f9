#pragma once

// The app's static QML modules (desktop/CMakeLists.txt), imported once per executable: include
// this in exactly one source file of the app or of a test that loads its QML.
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Conversa_CorePlugin)
Q_IMPORT_QML_PLUGIN(Conversa_InboxPlugin)
Q_IMPORT_QML_PLUGIN(Conversa_ConversationPlugin)
Q_IMPORT_QML_PLUGIN(Conversa_FlowEditorPlugin)
Q_IMPORT_QML_PLUGIN(Conversa_DashboardPlugin)
Q_IMPORT_QML_PLUGIN(Conversa_AdminPlugin)
Q_IMPORT_QML_PLUGIN(Conversa_AppPlugin)
