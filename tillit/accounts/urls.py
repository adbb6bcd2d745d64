from django.urls import path

from tillit.accounts import auth_views, views

app_name = "accounts"
urlpatterns = [
    # Login, two-factor and logout (auth_views.py)
    path("logga-in/", auth_views.login_view, name="login"),
    path("logga-ut/", auth_views.logout_view, name="logout"),
    path("tvafaktor/", auth_views.two_factor, name="two_factor"),
    # User administration and access review (views.py)
    path("anvandare/", views.user_list, name="user_list"),
    path("behorighetsgranskning/", views.access_review, name="access_review"),
]
