package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A reservation id that was cancelled (or whose DELETE came first) can never take stock: a PUT with it is a 409 problem,
and order-service answers its order as failed. Reservation 1000000903 was cancelled before.
'''
    // Ahead of shouldReserveStock, whose URL pattern matches this id too.
    priority 1
    request {
        method PUT()
        url '/internal/stock/reservations/1000000903'
        headers {
            contentType(applicationJson())
        }
        body(lines: [
                [productId: 2, quantity: 3],
                [productId: 1, quantity: 1]
        ])
    }
    response {
        status CONFLICT()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/reservation-cancelled',
                title: 'Reservation cancelled',
                status: 409,
                detail: 'Reservation 1000000903 was cancelled; it can never take stock again',
                instance: '/internal/stock/reservations/1000000903'
        )
    }
}
