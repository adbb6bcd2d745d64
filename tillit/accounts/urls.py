from django.urls import path

from tillit.accounts import auth_views, log_views, views

app_name = "accounts"
urlpatterns = [
    # Login, two-factor and logout (auth_views.py)
    path("logga-in/", auth_views.login_view, name="login"),
    path("logga-ut/", auth_views.logout_view, name="logout"),
    path("tvafaktor/", auth_views.two_factor, name="two_factor"),
    # User administration and access review (views.py)
    path("anvandare/", views.user_list, name="user_list"),
    path("anvandare/ny/", views.user_new, name="user_new"),
    path("anvandare/<int:pk>/", views.user_detail, name="user_detail"),
    path("anvandare/<int:pk>/roller/", views.assignment_new, name="assignment_new"),
    path("anvandare/<int:pk>/roller/<int:assignment_pk>/ta-bort/", views.assignment_delete, name="assignment_delete"),
    path("anvandare/<int:pk>/inaktivera/", views.user_active, {"active": False}, name="user_deactivate"),
    path("anvandare/<int:pk>/aktivera/", views.user_active, {"active": True}, name="user_reactivate"),
    path("anvandare/<int:pk>/tvafaktor/aterstall/", views.user_totp_reset, name="user_totp_reset"),
    path("anvandare/<int:pk>/losenord/", views.user_password, name="user_password"),
    path("behorighetsgranskning/", views.access_review, name="access_review"),
    path("behorighetsgranskning/behorigheter.csv", views.access_review_export, name="access_review_export"),
    # Logguppföljning (log_views.py)
    path("logg/", log_views.log_list, name="log_list"),
    path("logg/stickprov/", log_views.log_sample_view, name="log_sample"),
    path("logg/uppfoljning/", log_views.log_review, name="log_review"),
]
