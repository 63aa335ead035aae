package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Compensation: DELETE gives a reservation's stock back and marks it cancelled, 204. It is 204 too when the reservation
was cancelled already (nothing more is given back) and when the monolith never saw it (a cancelled tombstone is kept, so
that a PUT arriving late can never take stock). Reservation 1000000902 was reserved before.
'''
    request {
        method DELETE()
        url value(consumer(regex('/internal/stock/reservations/[1-9][0-9]*')),
                producer('/internal/stock/reservations/1000000902'))
    }
    response {
        status NO_CONTENT()
    }
}
