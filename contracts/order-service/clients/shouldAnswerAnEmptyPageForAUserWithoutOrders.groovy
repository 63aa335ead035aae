package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A user who has placed no orders gets an empty first page (page size 20 by default), not a 404.
'''
    request {
        method GET()
        url '/api/users/43/orders'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                content: [],
                page: 0,
                size: 20,
                totalElements: 0,
                totalPages: 0
        )
    }
}
