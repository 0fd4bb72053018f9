# Compile settings shared by every Conversa target.
function(conversa_target_defaults target)
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

# conversa_add_test(NAME tst_x SOURCES ... [DATABASES] [XVFB]) — with DATABASES the test runs twice,
# once against SQLite and once against the PostgreSQL server named by CONVERSA_TEST_PG_URL. With
# XVFB (DATABASES tests) it runs on a real X server, Xvfb, through xvfb-run (its screenshots are
# what a desktop shows), each engine on its own display number so that the two can run at once.
function(conversa_add_test)
    cmake_parse_arguments(T "DATABASES;XVFB" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    conversa_target_defaults(${T_NAME})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
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
