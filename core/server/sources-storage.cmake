# storage and identity sources: target_sources(recordlock_server PRIVATE ...)
target_sources(recordlock_server PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/storagelog.h ${CMAKE_CURRENT_LIST_DIR}/storagelog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sqltransaction.h ${CMAKE_CURRENT_LIST_DIR}/sqltransaction.cpp
    ${CMAKE_CURRENT_LIST_DIR}/database.h ${CMAKE_CURRENT_LIST_DIR}/database.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sqllockstore.h ${CMAKE_CURRENT_LIST_DIR}/sqllockstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sqlrecordstore.h ${CMAKE_CURRENT_LIST_DIR}/sqlrecordstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sqlauditlog.h ${CMAKE_CURRENT_LIST_DIR}/sqlauditlog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/passwordhasher.h ${CMAKE_CURRENT_LIST_DIR}/passwordhasher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serversecret.h ${CMAKE_CURRENT_LIST_DIR}/serversecret.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokenissuer.h ${CMAKE_CURRENT_LIST_DIR}/tokenissuer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/userstore.h ${CMAKE_CURRENT_LIST_DIR}/userstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demodata.h ${CMAKE_CURRENT_LIST_DIR}/demodata.cpp
)
