from . import test_ticket_accounts
