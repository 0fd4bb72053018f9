# Compile settings shared by every Conversa target.
function(conversa_compile_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_FOREACH
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_CAST_FROM_BYTEARRAY
        QT_USE_QSTRINGBUILDER)
    # Designated initialisers of option structs leave the rest at their defaults on purpose.
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(CONVERSA_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(CONVERSA_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# Precompiled headers: every one of the ~170 source files parsed the same Qt headers again. One
# header of the Qt and standard headers nearly every file includes is compiled once, by a target
# that exists only for that, and every target with the same compile settings reuses it
# (REUSE_FROM). GCC refuses a precompiled header whose macros differ where the headers look at
# them; with -Winvalid-pch (CMake adds it) and -Werror such a mismatch fails the build instead of
# silently parsing the headers again. QtCore and QtNetwork do not look at the QT_<MODULE>_LIB
# macros, which differ between targets, so one header serves them all. ccache caches both the
# header and the files that use it (it needs sloppiness=pch_defines,time_macros in ccache.conf;
# without it every such file is a miss, never a wrong hit). -DCONVERSA_PCH=OFF builds without.
# Unity builds: the libraries (the server's layers, the protocol library, the desktop's core)
# compile their files eight to a translation unit, so the headers each file includes are parsed
# once per eight files instead of once per file. Their files' file-local names must therefore
# differ. Test programs and the QML modules' generated code build file by file.
option(CONVERSA_UNITY_BUILD "Compile the libraries as unity builds" ON)

function(conversa_unity_build target)
    if(CONVERSA_UNITY_BUILD)
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
    endif()
endfunction()
option(CONVERSA_PCH "Precompile the common Qt headers once and share them between targets" ON)
set(CONVERSA_PCH_HEADERS
    <algorithm> <functional> <memory> <optional>
    <QByteArray> <QCoreApplication> <QDateTime> <QDir> <QElapsedTimer> <QFile> <QHash> <QJsonArray>
    <QJsonDocument> <QJsonObject> <QJsonValue> <QList> <QLoggingCategory> <QMutex> <QObject>
    <QPointer> <QRegularExpression> <QSet> <QString> <QStringList> <QThread> <QTimer> <QUrl>
    <QUrlQuery> <QUuid> <QVariant>
    <QHostAddress> <QNetworkAccessManager> <QNetworkReply> <QTcpSocket>)

# conversa_pch_owner(name HEADERS ... LIBS ...): an object library whose only job is to compile the
# precompiled header `name` with the shared compile settings and the given libraries' flags.
function(conversa_pch_owner name)
    cmake_parse_arguments(P "" "" "HEADERS;LIBS;OPTIONS" ${ARGN})
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
    if(NOT EXISTS ${source})
        file(WRITE ${source} "// Compiles the precompiled header ${name}; no code of its own.\n")
    endif()
    add_library(${name} OBJECT ${source})
    set_target_properties(${name} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    conversa_compile_settings(${name})
    target_compile_options(${name} PRIVATE ${P_OPTIONS})
    target_link_libraries(${name} PRIVATE ${P_LIBS})
    target_precompile_headers(${name} PRIVATE ${P_HEADERS})
endfunction()

if(CONVERSA_PCH)
    conversa_pch_owner(conversa-pch HEADERS ${CONVERSA_PCH_HEADERS} LIBS Qt6::Core Qt6::Network)
endif()

# conversa_use_pch(target owner): `target` includes the header `owner` precompiled.
function(conversa_use_pch target owner)
    if(CONVERSA_PCH)
        target_precompile_headers(${target} REUSE_FROM ${owner})
    endif()
endfunction()

function(conversa_target_defaults target)
    conversa_compile_settings(${target})
    conversa_use_pch(${target} conversa-pch)
endfunction()

# A test program's own code is compiled without optimisation: what it tests (the server, the
# protocol library, the desktop's libraries) keeps the build type's flags, while optimising the
# test itself halved nothing but its compile time (tst_chats.cpp: 12 s of CPU at -O2, 6 s at -O0).
# GCC's __OPTIMIZE__ differs between the two, so tests have their own precompiled headers.
set(CONVERSA_TEST_OPTIONS -O0)

# conversa_add_test(NAME tst_x SOURCES ... [DATABASES] [XVFB]) — with DATABASES the test runs twice,
# once against SQLite and once against the PostgreSQL server named by CONVERSA_TEST_PG_URL. With
# XVFB (DATABASES tests) it runs on a real X server, Xvfb, through xvfb-run (its screenshots are
# what a desktop shows), each engine on its own display number so that the two can run at once.
function(conversa_add_test)
    cmake_parse_arguments(T "DATABASES;XVFB" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    conversa_compile_settings(${T_NAME})
    target_compile_options(${T_NAME} PRIVATE ${CONVERSA_TEST_OPTIONS})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    # Server tests share a second precompiled header that adds QtTest. QtTest's headers depend on
    # whether QtGui and QtWidgets are linked, so it is compiled as the server tests see it (QtGui,
    # no QtWidgets); the desktop tests (QtWidgets) and the protocol-only tests (no QtGui) use the
    # libraries' header. QTEST_MAIN names the test's directories, so the owner lives here too.
    if(CONVERSA_PCH AND NOT TARGET conversa-test-pch)
        conversa_pch_owner(conversa-test-pch HEADERS ${CONVERSA_PCH_HEADERS} <QSignalSpy> <QTest>
                           LIBS Qt6::Core Qt6::Network Qt6::Gui Qt6::Test OPTIONS ${CONVERSA_TEST_OPTIONS})
        conversa_pch_owner(conversa-test-core-pch HEADERS ${CONVERSA_PCH_HEADERS}
                           LIBS Qt6::Core Qt6::Network OPTIONS ${CONVERSA_TEST_OPTIONS})
    endif()
    if("conversa-desktop-core" IN_LIST T_LIBS OR "conversa-desktop-ui" IN_LIST T_LIBS
       OR NOT ("conversa-server-core" IN_LIST T_LIBS OR "conversa-test-support" IN_LIST T_LIBS))
        conversa_use_pch(${T_NAME} conversa-test-core-pch)
    else()
        conversa_use_pch(${T_NAME} conversa-test-pch)
    endif()
    # A test includes its own moc output, so its mocs_compilation.cpp is empty: loading the
    # precompiled header there would cost a second of CPU and a megabyte of debug information.
    set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}_autogen/mocs_compilation.cpp
                                TARGET_DIRECTORY ${T_NAME} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    if(T_DATABASES)
        set(display 91)
        foreach(engine sqlite postgresql)
            if(T_XVFB)
                add_test(NAME ${T_NAME}_${engine}
                         COMMAND xvfb-run -a -n ${display} -s "-screen 0 1280x800x24" $<TARGET_FILE:${T_NAME}>)
                set(platform xcb)
                math(EXPR display "${display} + 10")
            else()
                add_test(NAME ${T_NAME}_${engine} COMMAND ${T_NAME})
                set(platform offscreen)
            endif()
            set_tests_properties(${T_NAME}_${engine} PROPERTIES
                ENVIRONMENT "CONVERSA_TEST_ENGINE=${engine};QT_QPA_PLATFORM=${platform}"
                LABELS "${engine}" TIMEOUT 600)
        endforeach()
    else()
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
        set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 300)
    endif()
endfunction()
