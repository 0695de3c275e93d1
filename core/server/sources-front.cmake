# lock manager and network front sources: target_sources(recordlock_server PRIVATE ...)
target_sources(recordlock_server PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/frontlog.h ${CMAKE_CURRENT_LIST_DIR}/frontlog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lockholder.h ${CMAKE_CURRENT_LIST_DIR}/lockevent.h ${CMAKE_CURRENT_LIST_DIR}/lockresult.h
    ${CMAKE_CURRENT_LIST_DIR}/lockmanager.h ${CMAKE_CURRENT_LIST_DIR}/lockmanager.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lockview.h ${CMAKE_CURRENT_LIST_DIR}/lockview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/argrules.h ${CMAKE_CURRENT_LIST_DIR}/argrules.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replyerrors.h ${CMAKE_CURRENT_LIST_DIR}/replyerrors.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clientconnection.h ${CMAKE_CURRENT_LIST_DIR}/clientconnection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sessionregistry.h ${CMAKE_CURRENT_LIST_DIR}/sessionregistry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/eventfanout.h ${CMAKE_CURRENT_LIST_DIR}/eventfanout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestdispatcher.h ${CMAKE_CURRENT_LIST_DIR}/requestdispatcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/authhandler.h ${CMAKE_CURRENT_LIST_DIR}/authhandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lockhandler.h ${CMAKE_CURRENT_LIST_DIR}/lockhandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/subscriptionhandler.h ${CMAKE_CURRENT_LIST_DIR}/subscriptionhandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/recordhandler.h ${CMAKE_CURRENT_LIST_DIR}/recordhandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clienthub.h ${CMAKE_CURRENT_LIST_DIR}/clienthub.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deadlinetimer.h ${CMAKE_CURRENT_LIST_DIR}/deadlinetimer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lockserver.h ${CMAKE_CURRENT_LIST_DIR}/lockserver.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serverconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/recordlockserver.h ${CMAKE_CURRENT_LIST_DIR}/recordlockserver.cpp
)
# /healthz reports the project version.
set_property(SOURCE ${CMAKE_CURRENT_LIST_DIR}/lockserver.cpp APPEND PROPERTY
    COMPILE_DEFINITIONS RECORDLOCK_VERSION="${PROJECT_VERSION}")
